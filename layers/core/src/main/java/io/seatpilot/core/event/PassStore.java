package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Pass records keyed by the token's hash under the token's tenant; the token itself is never stored. */
public final class PassStore {

    /** What a pass opens: one guest, or a household, of one event. */
    public record Pass(String eventId, String guestId, String householdId) {
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

    public PassStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void store(String tenant, String event, List<Issued> passes, long issuedAt) {
        new Batches(dynamo, table).writeAll(passes.stream().map(p -> {
            Map<String, AttributeValue> item = new HashMap<>(key(tenant, PassTokens.hash(p.token())));
            item.put("event_id", Items.s(event));
            if (p.guestId() != null) {
                item.put("guest_id", Items.s(p.guestId()));
            } else {
                item.put("household_id", Items.s(p.householdId()));
            }
            item.put("issued_at", Items.n(issuedAt));
            return Batches.put(item);
        }).toList());
    }

    /** The pass of a token presented by a caller of {@code tenant}; a token of another tenant is simply unknown. */
    public Optional<Pass> find(String tenant, String token) {
        if (!PassTokens.tenantOf(token).map(tenant::equals).orElse(false)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, PassTokens.hash(token)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pass(Items.string(item, "event_id").orElseThrow(),
                Items.string(item, "guest_id").orElse(null), Items.string(item, "household_id").orElse(null)));
    }

    private static Map<String, AttributeValue> key(String tenant, String hash) {
        return Items.key(Keys.tenant(tenant, "PASS", hash), "PASS");
    }
}
