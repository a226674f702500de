package io.seatpilot.core.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Logs;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the Ops Live socket does (SPEC §11): {@code $connect} admits a person whose token verifies and whose role
 * may watch Ops Live, or a screen whose signed key verifies (both found by {@link Callers#connecting});
 * {@code subscribe}/{@code unsubscribe} follow events of the connection's own tenant; {@code ping} answers
 * {@code pong}. Answers to client messages are JSON objects sent back on the socket: {@code subscribed} (with
 * {@code data.last_seq}), {@code unsubscribed}, {@code pong}, or {@code error} with a reason code of SPEC §13;
 * none carries a {@code seq}, which only the event's own messages do.
 */
public final class LiveSession {

    /** SPEC §3: everyone with a person's role may watch Ops Live. */
    private static final Role[] WATCHERS = {Role.ADMIN, Role.PLANNER, Role.OPS, Role.STAFF, Role.VIEWER};

    private final Callers.BearerTokens tokens;
    private final Callers.SignedRequests screens;
    private final LiveConnectionStore connections;
    private final EventSetupStore events;
    private final Clock clock;

    public LiveSession(Callers.BearerTokens tokens, Callers.SignedRequests screens, LiveConnectionStore connections,
                       EventSetupStore events, Clock clock) {
        this.tokens = tokens;
        this.screens = screens;
        this.connections = connections;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Admits the connection of a person ({@code ?token=<JWT>}) or of a screen (its signed key as the query
     * parameters x-key, x-ts, x-nonce, x-sig over {@code GET|/|x-ts|x-nonce|}, SPEC §4) or throws 401/403, which
     * makes the gateway refuse it.
     */
    public LiveConnection connect(String connectionId, Map<String, String> query, String requestId) {
        // SPEC §3: of the device keys, only screens watch Ops Live (read-only).
        Principal principal = Callers.connecting(new ApiRequest("$connect", "GET", "/", query, new byte[0], query,
                Map.of(), Map.of(), requestId), screens, tokens, Set.of(Role.SCREEN), WATCHERS);
        var connection = new LiveConnection(connectionId, principal, clock.millis());
        connections.put(connection);
        return connection;
    }

    /** The answer to one client message. */
    public Map<String, Object> message(String connectionId, String action, String body) {
        try {
            return switch (action) {
                case "ping" -> answer("pong");
                case "subscribe" -> subscribe(connectionId, event(body));
                case "unsubscribe" -> unsubscribe(connectionId, event(body));
                default -> throw new ApiException(Reason.BAD_REQUEST, "Unknown action; use subscribe, unsubscribe or ping");
            };
        } catch (ApiException refused) {
            Map<String, Object> error = answer("error");
            error.put("reason", refused.problem().reason());
            error.put("detail", refused.problem().detail());
            return error;
        }
    }

    public void disconnect(String connectionId) {
        connections.remove(connectionId);
    }

    private Map<String, Object> subscribe(String connectionId, String event) {
        LiveConnection connection = connection(connectionId);
        Principal principal = connection.principal();
        Access.requireEvent(principal, event);
        if (events.event(principal.tenantId(), event).isEmpty()) {
            // Looked up in the connection's tenant only: another tenant's event is simply not found (SPEC §3).
            throw new ApiException(Reason.NOT_FOUND, "No such event");
        }
        if (!connections.subscribe(connection, event)) {
            throw new ApiException(Reason.UNAUTHORIZED, "The connection is closed");
        }
        Map<String, Object> answer = answer("subscribed");
        answer.put("event", event);
        // Not a top-level seq: this answer is no message of the event's sequence, and a client counting seqs must
        // not take it for one. Messages continue after last_seq; whoever needs what came before fetches the snapshot.
        answer.put("data", Map.of("last_seq", connections.currentSeq(principal.tenantId(), event)));
        return answer;
    }

    private Map<String, Object> unsubscribe(String connectionId, String event) {
        connections.unsubscribe(connection(connectionId), event);
        Map<String, Object> answer = answer("unsubscribed");
        answer.put("event", event);
        return answer;
    }

    private LiveConnection connection(String connectionId) {
        LiveConnection connection = connections.find(connectionId)
                .orElseThrow(() -> new ApiException(Reason.UNAUTHORIZED, "The connection is not known; connect again"));
        Logs.tenant(connection.principal().tenantId());
        return connection;
    }

    private static String event(String body) {
        JsonNode message = JsonBodies.tree(body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode event = message == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : message.path("event");
        if (!event.isTextual() || !Ids.EVENT.matcher(event.asText()).matches()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "event", "event must be an event id");
        }
        Logs.eventId(event.asText());
        return event.asText();
    }

    private Map<String, Object> answer(String type) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", type);
        answer.put("ts", clock.millis());
        return answer;
    }
}
