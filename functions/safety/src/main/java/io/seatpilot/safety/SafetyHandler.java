package io.seatpilot.safety;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.checkin.DoorWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.incident.Incident;
import io.seatpilot.core.incident.Incidents;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.safety.Alert;
import io.seatpilot.core.safety.AlertRequest;
import io.seatpilot.core.safety.ExitStatus;
import io.seatpilot.core.safety.Safety;
import io.seatpilot.core.safety.SafetyWiring;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Safety routes (SPEC §9), behind the HTTP API's JWT authorizer: alerts and their acknowledgement, incidents
 * (opened, acknowledged, resolved: the same verbs as alerts), exits, and the evacuation roll call. Raising, clearing, exits and muster need admin or ops; acknowledging too (SPEC §3:
 * a viewer is refused with 403 forbidden); reading is open to every role that may watch Ops Live.
 */
public final class SafetyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Role[] ACT = {Role.ADMIN, Role.OPS};
    private static final Set<String> EXIT_FIELDS = Set.of("status", "tenant_id");
    private static final Set<String> MUSTER_FIELDS = Set.of("guest_id", "tenant_id");
    private static final Set<String> INCIDENT_FIELDS = Set.of("incident_id", "category", "priority", "zone", "alert_id", "tenant_id");
    private static final Set<String> RESOLVE_FIELDS = Set.of("resolution_code", "tenant_id");

    private final Safety safety;
    private final Incidents incidents;
    private final Clock clock;
    private final HttpRoutes routes;

    public SafetyHandler() {
        this(System.getenv());
    }

    public SafetyHandler(Map<String, String> environment) {
        this(new SafetyWiring(new DoorWiring(new EventWiring(new Platform(new Env(environment), Clock.systemUTC())))));
    }

    SafetyHandler(SafetyWiring wiring) {
        this.safety = wiring.safety();
        this.incidents = wiring.incidents();
        this.clock = wiring.door().event().platform().clock();
        this.routes = HttpRoutes.builder()
                .route("POST /v1/events/{eventId}/alerts", this::raise)
                .route("GET /v1/events/{eventId}/alerts", this::openAlerts)
                .route("POST /v1/events/{eventId}/alerts/{alertId}/ack", this::acknowledge)
                .route("POST /v1/events/{eventId}/incidents", this::openIncident)
                .route("GET /v1/events/{eventId}/incidents", this::incidents)
                .route("POST /v1/events/{eventId}/incidents/{incidentId}/ack", this::acknowledgeIncident)
                .route("POST /v1/events/{eventId}/incidents/{incidentId}/resolve", this::resolveIncident)
                .route("GET /v1/events/{eventId}/exits", this::exits)
                .route("PUT /v1/events/{eventId}/exits/{exitId}", this::updateExit)
                .route("POST /v1/events/{eventId}/muster/{pointId}/checkins", this::muster)
                .route("GET /v1/events/{eventId}/muster", this::rollCall)
                .route("GET /v1/events/{eventId}/audit", this::audit)
                .build();
        Platform platform = wiring.door().event().platform();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new SafetyPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse raise(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        ObjectNode body = JsonBodies.object(request, AlertRequest.FIELDS, AlertRequest.MAX_BODY_BYTES);
        Access.requireSameTenant(user, body.path("tenant_id").asText(null));
        Alert alert = safety.raise(user.tenantId(), event, AlertRequest.parse(body), user.actorId(), "ops");
        return ApiResponse.json(201, alert.toData());
    }

    private ApiResponse openAlerts(ApiRequest request) {
        Principal.User user = Callers.anyPerson(request);
        String event = Callers.event(request, user);
        return ApiResponse.json(200, Map.of("alerts", safety.openAlerts(user.tenantId(), event).stream().map(Alert::toData).toList()));
    }

    private ApiResponse acknowledge(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        String alertId = id(request, "alertId");
        Safety.Ack ack = safety.acknowledge(user.tenantId(), event, alertId, user.actorId());
        return switch (ack) {
            case Safety.Ack.Acknowledged acked -> ApiResponse.json(200, acked.alert().toData());
            case Safety.Ack.AlreadyAcknowledged already -> ApiResponse.json(200, already.alert().toData());
        };
    }

    /**
     * Opens an incident at the server's time: {@code incident_id} (optional: the server makes one; given, a retry
     * answers 200 with the record), {@code category} (a code), {@code priority}, {@code zone}, {@code alert_id}.
     */
    private ApiResponse openIncident(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        ObjectNode body = JsonBodies.object(request, INCIDENT_FIELDS);
        Access.requireSameTenant(user, body.path("tenant_id").asText(null));
        String incidentId = body.hasNonNull("incident_id") ? JsonBodies.requiredText(body, "incident_id", Ids.CODE)
                : java.util.UUID.randomUUID().toString();
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("category", JsonBodies.requiredText(body, "category", Ids.CODE));
        for (String optional : List.of("priority", "zone", "alert_id")) {
            if (body.hasNonNull(optional)) {
                fields.put(optional, JsonBodies.requiredText(body, optional, Ids.CODE));
            }
        }
        var opened = incidents.open(user.tenantId(), event, new Incidents.Report(incidentId, clock.millis(), user.actorId(), fields));
        return ApiResponse.json(opened.recorded() ? 201 : 200, opened.incident().toData());
    }

    private ApiResponse incidents(ApiRequest request) {
        Principal.User user = Callers.anyPerson(request);
        String event = Callers.event(request, user);
        var all = incidents.incidents(user.tenantId(), event);
        return ApiResponse.json(200, Map.of("incidents", all.stream().map(Incident::toData).toList()));
    }

    /** The first acknowledgement counts (its time and actor); a later one answers the record as it is. */
    private ApiResponse acknowledgeIncident(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        String incidentId = incidentId(request);
        incidents.require(user.tenantId(), event, incidentId);
        return ApiResponse.json(200, incidents.acknowledge(user.tenantId(), event, new Incidents.Report(incidentId,
                clock.millis(), user.actorId(), Map.of("role_ack", user.hasAnyRole(Role.OPS) ? "ops" : "admin"))).incident().toData());
    }

    /** {@code resolution_code} (a code) is why it is closed; the first resolution counts. */
    private ApiResponse resolveIncident(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        String incidentId = incidentId(request);
        ObjectNode body = JsonBodies.object(request, RESOLVE_FIELDS);
        Access.requireSameTenant(user, body.path("tenant_id").asText(null));
        String code = JsonBodies.requiredText(body, "resolution_code", Ids.CODE);
        incidents.require(user.tenantId(), event, incidentId);
        return ApiResponse.json(200, incidents.resolve(user.tenantId(), event, new Incidents.Report(incidentId,
                clock.millis(), user.actorId(), Map.of("resolution_code", code))).incident().toData());
    }

    private static String incidentId(ApiRequest request) {
        String id = request.pathParameter("incidentId");
        if (!Ids.CODE.matcher(id).matches()) {
            throw new ApiException(Reason.NOT_FOUND, "No such incident");
        }
        return id;
    }

    private ApiResponse exits(ApiRequest request) {
        Principal.User user = Callers.anyPerson(request);
        return ApiResponse.json(200, safety.egress(user.tenantId(), Callers.event(request, user)).toData());
    }

    private ApiResponse updateExit(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        String exitId = id(request, "exitId");
        ObjectNode body = JsonBodies.object(request, EXIT_FIELDS);
        Access.requireSameTenant(user, body.path("tenant_id").asText(null));
        ExitStatus status = ExitStatus.parse(body.path("status").asText(null)).orElseThrow(() ->
                ApiException.field(Reason.INVALID_ENUM, "status", "status must be OPEN, CLOSED or BLOCKED"));
        Safety.ExitChange change = safety.updateExit(user.tenantId(), event, exitId, status, clock.millis(), user.actorId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("exit_id", exitId);
        answer.put("status", change.status().name());
        answer.put("changed", change.changed());
        answer.put("egress", change.egress().toData());
        change.alert().ifPresent(alert -> answer.put("alert", alert.toData()));
        return ApiResponse.json(200, answer);
    }

    private ApiResponse muster(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        String pointId = id(request, "pointId");
        ObjectNode body = JsonBodies.object(request, MUSTER_FIELDS);
        Access.requireSameTenant(user, body.path("tenant_id").asText(null));
        String guestId = JsonBodies.requiredText(body, "guest_id", Ids.ITEM);
        var result = safety.muster(user.tenantId(), event, pointId, guestId, clock.millis(), user.actorId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("evacuation_id", result.evacuationId());
        if (result.stop() != null) {
            answer.put("stop", result.stop());
        }
        answer.put("guest_id", guestId);
        answer.put("point_id", result.mustered().pointId());
        answer.put("mustered_at", result.mustered().at());
        answer.put("status", "safe");
        return ApiResponse.json(result.recorded() ? 201 : 200, answer);
    }

    private ApiResponse rollCall(ApiRequest request) {
        Principal.User user = Callers.anyPerson(request);
        var roll = safety.rollCall(user.tenantId(), Callers.event(request, user));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("evacuation_id", roll.evacuationId());
        answer.put("stop", roll.stop());
        answer.put("active", roll.active());
        answer.put("started_at", roll.startedAt());
        answer.put("cleared_at", roll.clearedAt());
        answer.put("inside", roll.inside());
        answer.put("safe", roll.safe());
        answer.put("unaccounted_count", roll.unaccounted().size());
        answer.put("per_point", roll.perPoint());
        answer.put("unaccounted", roll.unaccounted().stream().map(Safety.RollEntry::toData).toList());
        answer.values().removeIf(java.util.Objects::isNull);
        return ApiResponse.json(200, answer);
    }

    static final java.time.Duration AUDIT_MAX_SPAN = java.time.Duration.ofDays(366);
    static final int AUDIT_DEFAULT_LIMIT = 100;
    static final int AUDIT_MAX_LIMIT = 500;

    /**
     * The event's audit trail, oldest first: {@code from ≤ at < to} (default: the last 365 days up to now, the
     * retention), at most {@code limit} entries (100, at most 500), continued with {@code next}. Admin and ops only.
     */
    private ApiResponse audit(ApiRequest request) {
        Principal.User user = Callers.person(request, ACT);
        String event = Callers.event(request, user);
        long now = clock.millis();
        io.seatpilot.core.http.TimeRange range = io.seatpilot.core.http.TimeRange.of(request.longParameter("from"),
                request.longParameter("to"), Math.min(now + 1, io.seatpilot.core.http.TimeRange.MAX_EPOCH_MS),
                to -> to - io.seatpilot.core.audit.AuditLog.RETENTION.toMillis(), AUDIT_MAX_SPAN);
        long limit = request.longParameter("limit").orElse((long) AUDIT_DEFAULT_LIMIT);
        if (limit < 1 || limit > AUDIT_MAX_LIMIT) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "limit", "limit must be 1 to " + AUDIT_MAX_LIMIT);
        }
        java.util.Optional<String> after = request.queryParameter("next");
        if (after.isPresent() && !validCursor(after.get(), range)) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "next", "next must be the next of an earlier page of this range");
        }
        var page = safety.audit(user.tenantId(), event, range.from(), range.to(), (int) limit, after);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", range.from());
        answer.put("to", range.to());
        answer.put("entries", page.entries().stream().map(SafetyHandler::auditEntry).toList());
        page.next().ifPresent(next -> answer.put("next", next));
        return ApiResponse.json(200, answer);
    }

    private static boolean validCursor(String cursor, io.seatpilot.core.http.TimeRange range) {
        if (cursor.length() > 320 || !io.seatpilot.core.audit.AuditLog.CURSOR.matcher(cursor).matches()) {
            return false;
        }
        long at = Long.parseLong(cursor.substring(0, 13));
        return at >= range.from() && at < range.to();
    }

    /** actor (an id, never a name), device (for device actors, or the device a user acted through), time, action, subject, reason, details. */
    static Map<String, Object> auditEntry(io.seatpilot.core.audit.AuditLog.Entry entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entry_id", entry.entryId());
        data.put("at", entry.at());
        data.put("action", entry.action());
        data.put("actor", entry.actor());
        String device = entry.actor().startsWith("device:") ? entry.actor().substring("device:".length())
                : entry.details().get("device_id");
        data.put("device", device);
        data.put("subject", entry.subject());
        data.put("reason", entry.details().get("reason"));
        data.put("details", new java.util.TreeMap<>(entry.details()));
        data.values().removeIf(java.util.Objects::isNull);
        return data;
    }

    private static String id(ApiRequest request, String name) {
        String id = request.pathParameter(name);
        if (!Ids.isItem(id)) {
            throw new ApiException(Reason.NOT_FOUND, "Not found");
        }
        return id;
    }
}
