package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Pass records keyed by the token's hash under the token's tenant; the token itself is never stored. */
public final class PassStore {

    /**
     * What a pass opens: one guest, or a household, of one event. {@code guestHouseholdId} is the household a
     * guest belonged to when the pass was issued — a hint that lets the door read guest and household together;
     * the guest's own record decides.
     */
    public record Pass(String eventId, String guestId, String householdId, String guestHouseholdId) {
        public boolean isHousehold() {
            return householdId != null;
        }
    }

    /** A freshly issued pass: the only moment its token exists on the server. */
    public record Issued(@JsonProperty("guest_id") String guestId, @JsonProperty("household_id") String householdId,
                         @JsonProperty("token") String token) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;

    public PassStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new Batches(dynamo, table);
    }

    /**
     * Stores freshly issued passes, each replacing the pass its guest or household held before: a guest has one
     * pass (SPEC §6), so a pass issued again — lost, forwarded, printed wrong — makes the old token unknown
     * ({@code 404 pass_unknown} at the door and on the pass view). Each event keeps a pointer per guest and per
     * household to its current pass's hash, which is how the old pass item is found (tokens are never stored).
     * The new passes and pointers are written before the old passes are deleted, so a failure half-way leaves a
     * guest with too many valid passes, never with none. Two issues racing for one guest may both leave their pass
     * valid (the deletes read the pointer before either wrote it); issuing is a planner's bulk action, not a door
     * operation, so this is accepted rather than paid for with a read on every scan.
     */
    public void store(String tenant, String event, List<Issued> passes, Map<String, String> householdOfGuest, long issuedAt) {
        Map<String, String> previous = new HashMap<>();
        batches.getAll(passes.stream().map(p -> pointerKey(tenant, event, p)).toList())
                .forEach(item -> previous.put(Items.string(item, Keys.SK).orElseThrow(), Items.string(item, "hash").orElseThrow()));
        List<WriteRequest> puts = new ArrayList<>();
        List<WriteRequest> deletes = new ArrayList<>();
        for (Issued p : passes) {
            String hash = PassTokens.hash(p.token());
            Map<String, AttributeValue> item = new HashMap<>(key(tenant, hash));
            item.put("event_id", Items.s(event));
            if (p.guestId() != null) {
                item.put("guest_id", Items.s(p.guestId()));
                String household = householdOfGuest.get(p.guestId());
                if (household != null) {
                    item.put("guest_household_id", Items.s(household));
                }
            } else {
                item.put("household_id", Items.s(p.householdId()));
            }
            item.put("issued_at", Items.n(issuedAt));
            puts.add(Batches.put(item));
            Map<String, AttributeValue> pointer = new HashMap<>(pointerKey(tenant, event, p));
            pointer.put("hash", Items.s(hash));
            pointer.put("issued_at", Items.n(issuedAt));
            puts.add(Batches.put(pointer));
            String old = previous.get(pointerSk(p));
            if (old != null && !old.equals(hash)) {
                deletes.add(Batches.delete(key(tenant, old)));
            }
        }
        batches.writeAll(puts);
        batches.writeAll(deletes);
    }

    /** The pass of a token presented by a caller of {@code tenant}; a token of another tenant is simply unknown. */
    public Optional<Pass> find(String tenant, String token) {
        if (!PassTokens.tenantOf(token).map(tenant::equals).orElse(false)) {
            return Optional.empty();
        }
        return byHash(tenant, PassTokens.hash(token));
    }

    /**
     * The pass behind a value kept in {@link PassTokens#stored} form (what a raw event holds). For reading back
     * facts the server kept, never for a caller presenting a pass: a hash must not open anything.
     */
    public Optional<Pass> findStored(String tenant, String storedForm) {
        return PassTokens.hashOfStored(storedForm).flatMap(hash -> byHash(tenant, hash));
    }

    private Optional<Pass> byHash(String tenant, String hash) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, hash))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pass(Items.string(item, "event_id").orElseThrow(),
                Items.string(item, "guest_id").orElse(null), Items.string(item, "household_id").orElse(null),
                Items.string(item, "guest_household_id").orElse(null)));
    }

    private static Map<String, AttributeValue> pointerKey(String tenant, String event, Issued pass) {
        return EventKeys.item(tenant, event, EventKeys.PASS_OF, pointerSk(pass));
    }

    private static String pointerSk(Issued pass) {
        return pass.guestId() != null ? "G#" + pass.guestId() : "H#" + pass.householdId();
    }

    private static Map<String, AttributeValue> key(String tenant, String hash) {
        return Items.key(Keys.tenant(tenant, "PASS", hash), "PASS");
    }
}
