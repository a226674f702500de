package io.seatpilot.assign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.seating.StoredPlan;
import io.seatpilot.seating.Lock;
import io.seatpilot.seating.Relation;
import io.seatpilot.seating.SolveOptions;
import io.seatpilot.seating.Weights;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The seating routes of SPEC §8 (admin and planner): parse, check access, delegate to {@link Seatings}. */
final class SeatingRoutes {

    private static final long MAX_TIME_LIMIT_MS = 20_000;
    /** SPEC §8's largest event: one lock or move per guest. */
    private static final int MAX_GUEST_PAIRS = 3_000;
    /** Wishes are a planner's, typed or imported: far more than a 3 000-guest event needs, still one item. */
    private static final int MAX_WISHES = 10_000;

    private final SeatingStore store;
    private final Seatings seatings;
    private final AuditLog audit;
    private final Clock clock;

    SeatingRoutes(SeatingStore store, AuditLog audit, Clock clock, Metrics metrics) {
        this.store = store;
        this.seatings = new Seatings(store, clock, metrics);
        this.audit = audit;
        this.clock = clock;
    }

    ApiResponse solve(ApiRequest request) {
        Caller caller = caller(request);
        ObjectNode body = request.body().length == 0 ? Json.MAPPER.createObjectNode()
                : JsonBodies.object(request, Set.of("time_limit_ms", "keep_current", "weights"));
        long limit = body.has("time_limit_ms") ? longIn(body, "time_limit_ms", 1, MAX_TIME_LIMIT_MS) : SolveOptions.DEFAULT_TIME_LIMIT_MS;
        boolean keepCurrent = body.path("keep_current").asBoolean(false);
        if (body.has("keep_current") && !body.get("keep_current").isBoolean()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "keep_current", "keep_current must be true or false");
        }
        Weights weights = weights(body.get("weights"));
        return answer(200, seatings.solve(existing(caller).tenant, caller.event, limit, keepCurrent, weights));
    }

    ApiResponse get(ApiRequest request) {
        Caller caller = caller(request);
        return answer(200, seatings.current(existing(caller).tenant, caller.event));
    }

    ApiResponse moves(ApiRequest request) {
        Caller caller = caller(request);
        ObjectNode body = JsonBodies.object(request, Set.of("version", "moves"));
        long version = longIn(body, "version", 1, Long.MAX_VALUE);
        JsonNode moves = body.get("moves");
        if (moves == null || !moves.isArray() || moves.isEmpty()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "moves", "moves must be a non-empty list of {guest, table}");
        }
        requireAtMost(moves, "moves", MAX_GUEST_PAIRS);
        List<Lock> wanted = new ArrayList<>();
        moves.forEach(m -> wanted.add(new Lock(text(m, "guest", "moves"), text(m, "table", "moves"))));
        return switch (seatings.move(existing(caller).tenant, caller.event, version, wanted)) {
            case Seatings.Change.Done done -> answer(200, done.plan());
            case Seatings.Change.Stale stale -> conflict(stale.current());
        };
    }

    ApiResponse locks(ApiRequest request) {
        Caller caller = caller(request);
        ObjectNode body = JsonBodies.object(request, Set.of("locks"));
        JsonNode locks = body.get("locks");
        if (locks == null || !locks.isArray()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "locks", "locks must be a list of {guest, table}");
        }
        requireAtMost(locks, "locks", MAX_GUEST_PAIRS);
        List<Lock> parsed = new ArrayList<>();
        locks.forEach(l -> parsed.add(new Lock(text(l, "guest", "locks"), text(l, "table", "locks"))));
        seatings.lock(existing(caller).tenant, caller.event, parsed);
        return ApiResponse.json(200, Map.of("locks", parsed));
    }

    ApiResponse relations(ApiRequest request) {
        Caller caller = caller(request);
        ObjectNode body = JsonBodies.object(request, Set.of("relations", "must_apart"));
        List<Relation> relations = new ArrayList<>();
        for (JsonNode r : array(body, "relations", MAX_WISHES)) {
            if (!r.path("weight").canConvertToInt()) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "relations", "each relation needs an integer weight");
            }
            relations.add(new Relation(text(r, "a", "relations"), text(r, "b", "relations"), r.get("weight").asInt()));
        }
        List<List<String>> apart = new ArrayList<>();
        for (JsonNode pair : array(body, "must_apart", MAX_WISHES)) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "must_apart", "must_apart holds pairs of guest ids");
            }
            apart.add(List.of(pair.get(0).asText(), pair.get(1).asText()));
        }
        seatings.wish(existing(caller).tenant, caller.event, new SeatingStore.Wishes(relations, apart));
        return ApiResponse.json(200, Map.of("relations", relations.size(), "must_apart", apart.size()));
    }

    ApiResponse publish(ApiRequest request) {
        Caller caller = caller(request);
        ObjectNode body = request.body().length == 0 ? Json.MAPPER.createObjectNode() : JsonBodies.object(request, Set.of("version"));
        long version = longIn(body, "version", 1, Long.MAX_VALUE);
        return switch (seatings.publish(existing(caller).tenant, caller.event, version)) {
            case Seatings.Change.Done done -> {
                // the door seats guests by the published plan: who published which version is on the event's audit
                audit.append(caller.tenant, new AuditLog.Entry("seating-published-v" + version, caller.event,
                        "seating_published", caller.actor, caller.event, clock.millis(), Map.of("version", Long.toString(version))));
                yield answer(200, done.plan());
            }
            case Seatings.Change.Stale stale -> conflict(stale.current());
        };
    }

    private record Caller(String tenant, String event, String actor) {
    }

    /**
     * SPEC §3: an event of another tenant — or none at all — answers 404 not_found, after the body was checked
     * (bad bodies are refused before any read) and before anything is read or written for it, so a wish or lock is
     * never stored under an event that does not exist, and the answer is the same whoever owns the id.
     */
    private Caller existing(Caller caller) {
        if (!store.eventExists(caller.tenant, caller.event)) {
            throw new ApiException(Reason.NOT_FOUND, "No such event");
        }
        return caller;
    }

    private static Caller caller(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        return new Caller(user.tenantId(), Callers.event(request, user), user.actorId());
    }

    /** The plan file with its version, as every plan-returning route answers. */
    private static ApiResponse answer(int status, StoredPlan plan) {
        return new ApiResponse(status, "application/json", Json.write(withVersion(plan)));
    }

    private static ObjectNode withVersion(StoredPlan plan) {
        ObjectNode node = (ObjectNode) Json.tree(plan.plan());
        node.put("version", plan.version());
        return node;
    }

    /** {@code 409 version_conflict} carrying the current plan, so the client can re-apply its change on it. */
    private static ApiResponse conflict(StoredPlan current) {
        ObjectNode problem = (ObjectNode) Json.tree(Problem.of(Reason.VERSION_CONFLICT,
                "The plan changed since the version you sent; the current plan is version " + current.version()));
        problem.set("current", withVersion(current));
        return new ApiResponse(409, Problem.CONTENT_TYPE, Json.write(problem));
    }

    private static Weights weights(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "weights", "weights must be an object {vip, move}");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!Set.of("vip", "move").contains(name) || !node.get(name).canConvertToInt() || node.get(name).asInt() < 0) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "weights", "weights holds vip and move, each ≥ 0");
            }
        });
        return new Weights(node.has("vip") ? node.get("vip").asInt() : null, node.has("move") ? node.get("move").asInt() : null);
    }

    private static long longIn(ObjectNode body, String field, long min, long max) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " must be an integer from " + min + " to " + max);
        }
        return value.asLong();
    }

    private static Iterable<JsonNode> array(ObjectNode body, String field, int maxItems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " must be a list");
        }
        requireAtMost(node, field, maxItems);
        return node;
    }

    /** Counted before any entry is read or checked against the event, so an oversized list costs no reads. */
    private static void requireAtMost(JsonNode list, String field, int maxItems) {
        if (list.size() > maxItems) {
            throw ApiException.field(Reason.PAYLOAD_TOO_LARGE, field, field + " holds at most " + maxItems + " entries");
        }
    }

    private static String text(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, "each entry of " + field + " needs " + name);
        }
        return value.asText();
    }
}
