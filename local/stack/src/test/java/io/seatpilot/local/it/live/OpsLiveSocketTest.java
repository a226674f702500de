package io.seatpilot.local.it.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.live.LiveConnection;
import io.seatpilot.core.live.LiveConnectionStore;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.TokenRequest;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.ManagementClients;
import io.seatpilot.local.websocket.SocketClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Ops Live over the real template on the local stack: LiveFunction admits tokens at $connect, subscribes within
 * the token's tenant, answers ping; the Publisher pushes through the SDK's @connections client and forgets
 * connections that answer 410.
 */
class OpsLiveSocketTest {

    private static LocalStack stack;
    private static ApiGatewayManagementApiClient management;
    private static LiveConnectionStore store;
    private static Publisher publisher;

    private Tenant tenant;
    private String event;

    @BeforeAll
    static void stack() {
        stack = SharedStack.get();
        management = ManagementClients.at(stack.connectionsEndpoint());
        store = new LiveConnectionStore(stack.awsClients().dynamoDb(), stack.tableName("DataTable"));
        publisher = new Publisher(store, management, Clock.systemUTC());
    }

    @AfterAll
    static void closeClient() {
        management.close();
    }

    @BeforeEach
    void event() {
        tenant = Tenant.create("live");
        event = createEvent(tenant);
    }

    private static String createEvent(Tenant owner) {
        String id = "gala-" + UUID.randomUUID().toString().substring(0, 8);
        var answer = owner.api().withToken(owner.adminToken(), "PUT", "/v1/events/" + id,
                Map.of("name", "Winter Gala", "kind", "gala", "timezone", "Europe/Madrid"));
        assertTrue(answer.status() == 200 || answer.status() == 201, answer::toString);
        return id;
    }

    private static SocketClient connect(String token) {
        return SocketClient.connect(URI.create(stack.wsEndpoint() + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    private static void assertRefused(URI uri) {
        var failure = assertThrows(CompletionException.class, () -> SocketClient.connect(uri));
        assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
    }

    private static JsonNode ask(SocketClient client, String message) {
        return json(client.ask(message));
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    private JsonNode subscribe(SocketClient client, String eventId) {
        return ask(client, "{\"action\":\"subscribe\",\"event\":\"" + eventId + "\"}");
    }

    @Test
    void aValidTokenConnectsAndPingAnswersPong() {
        try (SocketClient client = connect(tenant.token("viewer"))) {
            JsonNode pong = ask(client, "{\"action\":\"ping\"}");
            assertEquals("pong", pong.get("type").asText());
            assertTrue(pong.get("ts").asLong() > 0);
        }
    }

    @Test
    void expiredForeignSignedMissingAndRolelessTokensAreRefused() {
        var expired = TokenRequest.of(tenant.id(), List.of("ops")).issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .validFor(Duration.ofHours(1));
        assertRefused(URI.create(stack.wsEndpoint() + "/?token=" + stack.tokens().issue(expired)));
        assertRefused(URI.create(stack.wsEndpoint() + "/?token="
                + stack.tokens().issueSignedByForeignKey(TokenRequest.of(tenant.id(), List.of("ops")))));
        assertRefused(URI.create(stack.wsEndpoint() + "/"));
        assertRefused(URI.create(stack.wsEndpoint() + "/?token=" + stack.issueToken(tenant.id(), List.of("kiosk"), List.of())));
    }


    /** A screen's connect URL: its signed key in the query (SPEC §4 over GET|/|ts|nonce| with an empty body). */
    private static URI signedConnect(Tenant.Key key) {
        StringBuilder query = new StringBuilder();
        key.signer().sign("GET", "/", new byte[0]).forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return URI.create(stack.wsEndpoint() + "/" + query);
    }

    @Test
    void aScreenConnectsWithItsSignedKeyAndWatchesItsTenantsEvent() {
        URI connect = signedConnect(tenant.issueKey("screen-" + UUID.randomUUID().toString().substring(0, 6), "screen"));
        try (SocketClient screen = SocketClient.connect(connect)) {
            assertEquals("subscribed", subscribe(screen, event).get("type").asText());
            assertEquals(1, publisher.publish(tenant.id(), event, "headcount", Map.of("zone", "A")).delivered());
            assertEquals("headcount", json(screen.next()).get("type").asText());
        }
        assertRefused(connect); // the same nonce again: a replay
    }

    @Test
    void kioskKeysAndTamperedSignaturesAreRefused() {
        assertRefused(signedConnect(tenant.kioskKey()));
        URI screen = signedConnect(tenant.issueKey("screen-" + UUID.randomUUID().toString().substring(0, 6), "screen"));
        // One hex digit of the signature changed: well-formed, but not the device's signature.
        assertRefused(URI.create(Pattern.compile("x-sig=(.)").matcher(screen.toString())
                .replaceFirst(digit -> "x-sig=" + (digit.group(1).equals("0") ? "1" : "0"))));
    }

    @Test
    void subscribingToAnEventOfTheTokensTenantAnswersItsSeq() {
        try (SocketClient client = connect(tenant.token("ops"))) {
            JsonNode subscribed = subscribe(client, event);
            assertEquals("subscribed", subscribed.get("type").asText(), subscribed::toString);
            assertEquals(event, subscribed.get("event").asText());
            assertEquals(0, subscribed.get("data").get("last_seq").asLong());
            assertTrue(subscribed.path("seq").isMissingNode(), "an answer is no message of the event's sequence");
            assertEquals(1, store.subscribers(tenant.id(), event).size());
        }
    }

    @Test
    void aUserOfAnotherTenantCannotSubscribeToTheEventNorReceiveIt() {
        Tenant other = Tenant.create("live-other");
        try (SocketClient mine = connect(tenant.token("viewer")); SocketClient foreign = connect(other.token("admin"))) {
            JsonNode refused = subscribe(foreign, event);
            assertEquals("error", refused.get("type").asText());
            assertEquals("not_found", refused.get("reason").asText());
            assertEquals("subscribed", subscribe(mine, event).get("type").asText());

            var published = publisher.publish(tenant.id(), event, "checkin", Map.of("guest_id", "g-1"));
            assertEquals(1, published.delivered(), "only the tenant's own subscriber");
            assertEquals("checkin", json(mine.next()).get("type").asText());
            assertTrue(store.subscribers(other.id(), event).isEmpty());
        }
    }

    @Test
    void aUserLimitedToOtherEventsIsForbidden() {
        String token = stack.issueToken(tenant.id(), List.of("staff"), List.of("another-event"));
        try (SocketClient client = connect(token)) {
            assertEquals("forbidden", subscribe(client, event).get("reason").asText());
        }
    }

    @Test
    void malformedAndUnknownMessagesAnswerErrors() {
        try (SocketClient client = connect(tenant.token("ops"))) {
            assertEquals("validation_failed", ask(client, "{\"action\":\"subscribe\",\"event\":\"NOT AN ID\"}").get("reason").asText());
            assertEquals("bad_request", ask(client, "{\"action\":\"dance\"}").get("reason").asText());
        }
    }

    @Test
    void publishedMessagesArriveInOrderWithTheirSeqAndStopAfterUnsubscribe() {
        try (SocketClient client = connect(tenant.token("planner"))) {
            long last = subscribe(client, event).get("data").get("last_seq").asLong();
            var first = publisher.publish(tenant.id(), event, "checkin", Map.of("guest_id", "g-1"));
            assertEquals(last + 1, first.seq());
            JsonNode message = json(client.next());
            assertEquals("checkin", message.get("type").asText());
            assertEquals(event, message.get("event").asText());
            assertEquals(first.seq(), message.get("seq").asLong());
            assertEquals("g-1", message.get("data").get("guest_id").asText());
            publisher.publish(tenant.id(), event, "arrival", Map.of("table", "t-1"));
            assertEquals(first.seq() + 1, json(client.next()).get("seq").asLong());

            assertEquals("unsubscribed", ask(client, "{\"action\":\"unsubscribe\",\"event\":\"" + event + "\"}").get("type").asText());
            assertEquals(0, publisher.publish(tenant.id(), event, "kpi", Map.of()).delivered());
        }
    }

    @Test
    void aClosedConnectionIsForgottenByDisconnect() {
        String connectionId;
        try (SocketClient client = connect(tenant.token("ops"))) {
            subscribe(client, event);
            connectionId = store.subscribers(tenant.id(), event).getFirst();
            assertTrue(store.find(connectionId).isPresent());
        }
        // the connection item goes first, then its subscriptions: wait for both, not for the moment in between
        Eventually.until(Duration.ofSeconds(10), "$disconnect removes the connection and its subscriptions",
                () -> store.find(connectionId).isEmpty() && store.subscribers(tenant.id(), event).isEmpty());
    }

    @Test
    void aConnectionThatAnswers410IsRemovedOnItsFirstPush() {
        // A connection whose $disconnect never arrived: stored and subscribed, but gone at the gateway.
        var user = new Principal.User("sub-1", tenant.id(), Set.of(Role.OPS), Set.of());
        var stale = new LiveConnection("gone-" + UUID.randomUUID(), user, System.currentTimeMillis());
        store.put(stale);
        assertTrue(store.subscribe(stale, event));
        try (SocketClient live = connect(tenant.token("ops"))) {
            subscribe(live, event);
            var published = publisher.publish(tenant.id(), event, "alert", Map.of("level", "ALERT"));
            assertEquals(1, published.delivered());
            assertEquals(1, published.gone());
            assertEquals("alert", json(live.next()).get("type").asText());
            assertTrue(store.find(stale.connectionId()).isEmpty());
            assertFalse(store.subscribers(tenant.id(), event).contains(stale.connectionId()));
            assertEquals(0, publisher.publish(tenant.id(), event, "alert", Map.of()).gone(), "tried once, then forgotten");
            json(live.next());
        }
    }
}
