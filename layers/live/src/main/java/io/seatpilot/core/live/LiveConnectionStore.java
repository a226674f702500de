package io.seatpilot.core.live;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Ops Live connections and subscriptions in the single table.
 *
 * <ul>
 *   <li>The connection: {@code LIVE#CONN#<connection id>} / {@code CONN}, with its tenant, user and the events it
 *       subscribed to. It is the one partition key without a tenant prefix: a WebSocket message carries only the
 *       connection id (random, issued by API Gateway), so the connection is found by it and its tenant read from
 *       the item, which only {@code $connect} writes, from the verified token.</li>
 *   <li>A subscription: {@code T#<tenant>#EVENT#<event>#LIVE} / {@code CONN#<connection id>}: one query lists an
 *       event's subscribers, and only within the tenant that owns the event.</li>
 *   <li>The event's message sequence: the same partition, {@code SEQ}.</li>
 * </ul>
 * Every item expires a little after API Gateway's 2-hour connection limit, so connections whose
 * {@code $disconnect} never ran (or whose 410 was never seen) disappear on their own.
 */
public final class LiveConnectionStore {

    static final String KIND = "LIVE";
    private static final String CONNECTION_SK = "CONN";
    private static final String SUBSCRIPTION_PREFIX = "CONN#";
    private static final String SEQ_SK = "SEQ";
    /** API Gateway closes every WebSocket connection after 2 hours; the margin covers clock skew and late cleanups. */
    static final Duration LIFETIME = Duration.ofHours(2).plusMinutes(10);

    private final DynamoDbClient dynamo;
    private final String table;

    public LiveConnectionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void put(LiveConnection connection) {
        Principal principal = connection.principal();
        Map<String, AttributeValue> item = new HashMap<>(connectionKey(connection.connectionId()));
        item.put("tenant", Items.s(principal.tenantId()));
        item.put("roles", Items.ss(principal.roles().stream().map(Role::wire).toList()));
        item.put("allowed_events", Items.ss(principal.events()));
        switch (principal) {
            case Principal.User user -> item.put("subject", Items.s(user.subject()));
            case Principal.Device device -> {
                item.put("key_id", Items.s(device.keyId()));
                item.put("device_id", Items.s(device.deviceId()));
            }
        }
        item.put("connected_at", Items.n(connection.connectedAtMillis()));
        item.put(Keys.EXPIRES_AT, Items.n(expiry(connection.connectedAtMillis())));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    public Optional<LiveConnection> find(String connectionId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(connectionKey(connectionId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String tenant = Items.string(item, "tenant").orElseThrow();
        Set<Role> roles = Items.strings(item, "roles").stream().map(Role::parse).flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> events = Set.copyOf(Items.strings(item, "allowed_events"));
        Optional<String> keyId = Items.string(item, "key_id");
        Principal principal = keyId.isPresent()
                ? new Principal.Device(keyId.get(), Items.string(item, "device_id").orElseThrow(), tenant,
                        roles.iterator().next(), events)
                : new Principal.User(Items.string(item, "subject").orElseThrow(), tenant, roles, events);
        return Optional.of(new LiveConnection(connectionId, principal, Items.number(item, "connected_at", 0)));
    }

    /**
     * Subscribes the connection to the event of its own tenant; subscribing twice is the same as once. One
     * transaction with the connection's own list, so a subscription never outlives a removed connection.
     *
     * @return false when the connection is no longer stored (it disconnected meanwhile)
     */
    public boolean subscribe(LiveConnection connection, String event) {
        String tenant = connection.principal().tenantId();
        Map<String, AttributeValue> item = new HashMap<>(subscriptionKey(tenant, event, connection.connectionId()));
        item.put("connection_id", Items.s(connection.connectionId()));
        item.put(Keys.EXPIRES_AT, Items.n(expiry(connection.connectedAtMillis())));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(connectionKey(connection.connectionId()))
                            .updateExpression("ADD subscribed :event")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":event", AttributeValue.fromSs(List.of(event))))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    public void unsubscribe(LiveConnection connection, String event) {
        dynamo.deleteItem(b -> b.tableName(table).key(subscriptionKey(connection.principal().tenantId(), event, connection.connectionId())));
        dynamo.updateItem(b -> b.tableName(table).key(connectionKey(connection.connectionId()))
                .updateExpression("DELETE subscribed :event")
                .expressionAttributeValues(Map.of(":event", AttributeValue.fromSs(List.of(event)))));
    }

    /** The ids of the connections subscribed to the tenant's event. */
    public List<String> subscribers(String tenant, String event) {
        List<String> connections = new ArrayList<>();
        var request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Items.s(partition(tenant, event)), ":prefix", Items.s(SUBSCRIPTION_PREFIX)))
                .build();
        dynamo.queryPaginator(request).items().forEach(item -> Items.string(item, "connection_id").ifPresent(connections::add));
        return connections;
    }

    /** Forgets a connection that answered 410 for this event, even a subscription its connection item no longer lists. */
    public void forget(String tenant, String event, String connectionId) {
        dynamo.deleteItem(b -> b.tableName(table).key(subscriptionKey(tenant, event, connectionId)));
        remove(connectionId);
    }

    /** Forgets the connection and all its subscriptions (after $disconnect, or a 410 from @connections). */
    public void remove(String connectionId) {
        var removed = dynamo.deleteItem(b -> b.tableName(table).key(connectionKey(connectionId))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        if (removed == null || removed.isEmpty()) {
            return;
        }
        String tenant = Items.string(removed, "tenant").orElseThrow();
        for (String event : Items.strings(removed, "subscribed")) {
            dynamo.deleteItem(b -> b.tableName(table).key(subscriptionKey(tenant, event, connectionId)));
        }
    }

    /** The next message number of the tenant's event: 1, 2, 3, … (atomic, so concurrent publishers never share one). */
    public long nextSeq(String tenant, String event) {
        var updated = dynamo.updateItem(b -> b.tableName(table).key(Items.key(partition(tenant, event), SEQ_SK))
                .updateExpression("ADD seq :one").expressionAttributeValues(Map.of(":one", Items.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Items.number(updated, "seq", 0);
    }

    /** The last message number given out for the event, 0 before the first. */
    public long currentSeq(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.key(partition(tenant, event), SEQ_SK)).consistentRead(true)).item();
        return item == null ? 0 : Items.number(item, "seq", 0);
    }

    private static long expiry(long connectedAtMillis) {
        return connectedAtMillis / 1000 + LIFETIME.toSeconds();
    }

    private static String partition(String tenant, String event) {
        return EventKeys.partition(tenant, event, KIND);
    }

    private static Map<String, AttributeValue> connectionKey(String connectionId) {
        return Items.key("LIVE#CONN#" + connectionId, CONNECTION_SK);
    }

    private static Map<String, AttributeValue> subscriptionKey(String tenant, String event, String connectionId) {
        return Items.key(partition(tenant, event), SUBSCRIPTION_PREFIX + connectionId);
    }
}
