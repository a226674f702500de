package io.seatpilot.core.invite;

import io.seatpilot.core.event.CurrentPass;
import io.seatpilot.core.event.IssuedPass;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.personal.PersonalFields;
import io.seatpilot.core.personal.SealedField;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pass link a message carries ({@code /p/<token>}, also the RSVP link {@code /r/<token>}). Tokens are never
 * stored in clear (only their hash opens a pass), so the one a guest's messages share is kept sealed per guest
 * ({@code T#<tenant>#E#<event>#INVITELINK}) next to the hash of the pass it belongs to. Passes issued through
 * {@code POST …/passes} are kept at once ({@link #keep}), so a message carries the pass the planner printed; a
 * guest with no kept link to their current pass (passes issued before invitations existed) is issued a new one,
 * which replaces the old (one pass per guest).
 */
public final class PassLinks {

    static final String KIND = "INVITELINK";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;
    private final PersonalFields personal;
    private final PassStore passes;

    /** Issues passes for the guests named (the event set-up's own issuing, so a pass is a pass wherever made). */
    @FunctionalInterface
    public interface Issuer {
        List<IssuedPass> issue(String tenant, String event, List<String> guestIds);
    }

    public PassLinks(DynamoDbClient dynamo, String table, PersonalFields personal, PassStore passes) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new Batches(dynamo, table);
        this.personal = personal;
        this.passes = passes;
    }

    /**
     * Makes sure each guest has a kept link to their current pass; {@code issue} issues passes for the guests
     * that have none (or whose kept link a newer pass replaced) and answers them with their tokens.
     */
    public void ensure(String tenant, String event, Collection<String> guestIds,
                       Issuer issuer) {
        Map<String, String> current = passes.current(tenant, event).stream().filter(CurrentPass::isGuest)
                .collect(Collectors.toMap(CurrentPass::holderId, CurrentPass::passHash, (a, b) -> a));
        Map<String, String> kept = new HashMap<>();
        batches.getAll(guestIds.stream().map(g -> key(tenant, event, g)).toList())
                .forEach(item -> kept.put(Items.string(item, "guest_id").orElseThrow(), Items.string(item, "pass_hash").orElse("")));
        List<String> missing = guestIds.stream()
                .filter(g -> !kept.containsKey(g) || !kept.get(g).equals(current.get(g))).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        keep(tenant, event, issuer.issue(tenant, event, missing));
    }

    /**
     * Keeps the link of each guest pass just issued — by the planner's {@code POST …/passes} as well, so that a
     * message sent later carries the pass the planner printed instead of replacing it.
     */
    public void keep(String tenant, String event, List<IssuedPass> issued) {
        batches.writeAll(issued.stream().filter(p -> p.guestId() != null)
                .map(p -> Batches.put(item(tenant, event, p.guestId(), p.token()))).toList());
    }

    /** The guest's token if the kept link still opens their pass (a pass issued since makes it unknown). */
    public Optional<String> token(String tenant, String event, String guestId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, event, guestId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String token = personal.open(tenant, event, guestId, item).get(SealedField.PASS_LINK);
        return token != null && passes.find(tenant, token).filter(p -> guestId.equals(p.guestId())).isPresent()
                ? Optional.of(token) : Optional.empty();
    }

    private Map<String, AttributeValue> item(String tenant, String event, String guestId, String token) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenant, event, guestId));
        item.put("guest_id", Items.s(guestId));
        item.put("pass_hash", Items.s(PassTokens.hash(token)));
        item.putAll(personal.seal(tenant, event, guestId, Map.of(SealedField.PASS_LINK, token)));
        return item;
    }

    private static Map<String, AttributeValue> key(String tenant, String event, String guestId) {
        return EventKeys.item(tenant, event, KIND, guestId);
    }
}
