package io.seatpilot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.store.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.devices.DeviceKeyIssuer;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.devices.IssuedKey;
import io.seatpilot.core.event.EventSetupStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/devices}, {@code PATCH /v1/devices/{deviceId}} (the stop a kiosk is set to, SPEC §16) and
 * {@code DELETE /v1/devices/{deviceId}/keys/{keyId}} (admin only).
 */
final class DeviceRoutes {

    private static final Pattern ROLE = Pattern.compile("kiosk|screen");

    private final DeviceKeyIssuer issuer;
    private final EventSetupStore events;
    private final AuditLog audit;
    private final Clock clock;

    DeviceRoutes(DeviceKeyIssuer issuer, EventSetupStore events, AuditLog audit, Clock clock) {
        this.issuer = issuer;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    ApiResponse issue(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        ObjectNode body = JsonBodies.object(request, Set.of("device_id", "role", "events", "expires_at", "tenant_id", "stop_id"));
        Access.requireSameTenant(admin, body.path("tenant_id").asText(null));
        String deviceId = JsonBodies.requiredText(body, "device_id", Ids.DEVICE);
        Role role = Role.parse(JsonBodies.requiredText(body, "role", ROLE)).orElseThrow();
        Set<String> events = events(body.get("events"));
        Access.requireEvents(admin, events);
        Long expiresAt = expiresAt(body.get("expires_at"));
        String stopId = stopOf(admin, body, events);
        IssuedKey issued = issuer.issue(admin.tenantId(), deviceId, role, events, expiresAt, stopId);
        Map<String, String> details = new HashMap<>(Map.of("key_id", issued.keyId(), "role", issued.role()));
        if (expiresAt != null) {
            details.put("expires_at", Long.toString(expiresAt));
        }
        if (stopId != null) {
            details.put("stop_id", stopId);
        }
        record(admin, "device_key_issued", deviceId, issued.keyId(), events, details);
        return ApiResponse.json(201, issued);
    }

    /**
     * An audit entry in the trail of every event the key opens (SPEC §17), or the tenant-wide trail, read with
     * every event's, for a key that opens them all. Ids come from the key, so an entry is written once per key.
     */
    private void record(Principal.User admin, String action, String deviceId, String keyId, Set<String> events,
                        Map<String, String> details) {
        long now = clock.millis();
        for (String event : events.isEmpty() ? Set.of(AuditLog.TENANT_WIDE) : events) {
            audit.append(admin.tenantId(), new AuditLog.Entry(action + "-" + keyId, event, action, admin.actorId(),
                    deviceId, now, details));
        }
    }

    /**
     * Moves a kiosk to another stop of its events ({@code {"stop_id": id}}, or {@code null}: back to each event's
     * first stop): every usable key of the device changes at once, and the door follows within the key cache's
     * lifetime ({@code CachedDeviceKeys.DOOR_LIFETIME}).
     */
    ApiResponse move(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        String deviceId = request.pathParameter("deviceId");
        if (!Ids.DEVICE.matcher(deviceId).matches()) {
            throw new ApiException(Reason.NOT_FOUND, "No such device");
        }
        ObjectNode body = JsonBodies.object(request, Set.of("stop_id"));
        if (!body.has("stop_id")) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "stop_id is required (null: the first stop)");
        }
        List<DeviceKey> keys = issuer.usableKeys(admin.tenantId(), deviceId);
        if (keys.isEmpty()) {
            throw new ApiException(Reason.NOT_FOUND, "No such device");
        }
        keys.forEach(key -> Access.requireEvents(admin, key.events()));
        Set<String> keyEvents = new LinkedHashSet<>();
        keys.forEach(key -> keyEvents.addAll(key.events()));
        String stopId = stopOf(admin, body, keys.stream().anyMatch(k -> k.events().isEmpty()) ? Set.of() : keyEvents);
        if (!issuer.moveTo(admin.tenantId(), deviceId, keys, stopId)) {
            throw new ApiException(Reason.UNAVAILABLE, "The device's keys changed meanwhile; retry");
        }
        keys.forEach(key -> record(admin, "device_moved", deviceId, key.keyId() + "-" + clock.millis(), key.events(),
                stopId == null ? Map.of("key_id", key.keyId()) : Map.of("key_id", key.keyId(), "stop_id", stopId)));
        Map<String, Object> answer = new HashMap<>(Map.of("device_id", deviceId,
                "key_ids", keys.stream().map(DeviceKey::keyId).sorted().toList()));
        answer.put("stop_id", stopId);
        return ApiResponse.json(200, answer);
    }

    /**
     * The body's {@code stop_id}: a stop of every event the key opens (422 otherwise, and for a key that opens every
     * event, whose stops cannot all be checked); null when absent.
     */
    private String stopOf(Principal.User admin, ObjectNode body, Set<String> keyEvents) {
        JsonNode stop = body.get("stop_id");
        if (stop == null || stop.isNull()) {
            return null;
        }
        if (!stop.isTextual() || !Ids.isItem(stop.asText())) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "stop_id must be a stop id");
        }
        if (keyEvents.isEmpty()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "A kiosk set to a stop names its events");
        }
        for (String event : keyEvents) {
            boolean known = events.event(admin.tenantId(), event).flatMap(d -> d.stop(stop.asText())).isPresent();
            if (!known) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "Event " + event + " has no stop " + stop.asText());
            }
        }
        return stop.asText();
    }

    ApiResponse revoke(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        String deviceId = request.pathParameter("deviceId");
        String keyId = request.pathParameter("keyId");
        // Path values go into DynamoDB keys (2 KB partition keys): an id of another shape names no key, whatever it holds.
        if (!Ids.DEVICE.matcher(deviceId).matches() || !DeviceKeyIssuer.isKeyId(keyId)) {
            throw new ApiException(Reason.NOT_FOUND, "No such key for this device");
        }
        DeviceKey key = issuer.find(admin.tenantId(), deviceId, keyId)
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such key for this device"));
        // A key's events never change once issued, so this check still holds when the revocation is written.
        Access.requireEvents(admin, key.events());
        if (!issuer.revoke(admin.tenantId(), deviceId, keyId)) {
            throw new ApiException(Reason.NOT_FOUND, "No such key for this device");
        }
        record(admin, "device_key_revoked", deviceId, keyId, key.events(), Map.of("key_id", keyId));
        return ApiResponse.noContent();
    }


    private static Set<String> events(JsonNode node) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "events", "events must be a list of event ids");
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode event : node) {
            if (!event.isTextual() || !Ids.isEvent(event.asText())) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "events", "events must be a list of event ids");
            }
            events.add(event.asText());
        }
        return events;
    }

    private static Long expiresAt(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || node.asLong() <= 0) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "expires_at", "expires_at must be epoch milliseconds");
        }
        return node.asLong();
    }
}
