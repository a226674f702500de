package io.seatpilot.local.it.robustness;

import io.seatpilot.core.json.Json;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds a well-formed request for any route of the template, aimed at chosen ids, and sends it as a caller. */
final class Calls {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private Calls() {
    }

    /** A person's token, a device's signer, or nothing. */
    record Credential(String bearer, RequestSigner signer) {
        static final Credential NONE = new Credential(null, null);

        static Credential token(String token) {
            return new Credential(token, null);
        }

        static Credential key(RequestSigner signer) {
            return new Credential(null, signer);
        }
    }

    /** One concrete request: raw (already encoded) path and query, body bytes or null, and extra headers. */
    record Request(String method, String path, String query, byte[] body, Map<String, String> headers) {

        String target() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }

        /** Everything the caller itself wrote, so an echo of it is not counted as a disclosure. */
        String text() {
            return path + "?" + query + " " + (body == null ? "" : new String(body, StandardCharsets.UTF_8))
                    + " " + java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return target() + " headers=" + headers + " body=" + (body == null ? "<none>"
                    : abbreviated(new String(body, StandardCharsets.UTF_8)));
        }

        private static String abbreviated(String text) {
            return text.substring(0, Math.min(text.length(), 400));
        }
    }

    /** The ids a request names: an event of some tenant and the objects in it. */
    record Target(String tenantId, Party.Event event) {
    }

    /** Fills the route's path parameters by name; a parameter with no value here fails the test. */
    static String path(Route route, Function<String, String> values) {
        String template = route.path().orElseThrow().text();
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) {
                throw new AssertionError("no value for path parameter {" + m.group(1) + "} of " + route.routeKey());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request the route would take from an allowed caller of {@code target}'s tenant. */
    static Request wellFormed(Route route, Target target) {
        Party.Event e = target.event();
        Map<String, String> parameters = Map.ofEntries(Map.entry("eventId", e.id()), Map.entry("checkinId", e.checkinId()),
                Map.entry("alertId", e.alertId()), Map.entry("exitId", e.exitId()), Map.entry("pointId", e.pointId()),
                Map.entry("token", e.pass()), Map.entry("deviceId", e.deviceId()), Map.entry("keyId", e.keyId()),
                Map.entry("id", e.quarantineId()), Map.entry("guestId", e.spareGuest()),
                Map.entry("incidentId", e.incidentId()));
        String path = path(route, name -> parameters.containsKey(name) ? encode(parameters.get(name)) : null);
        String template = route.path().orElseThrow().text();
        String query = switch (template) {
            case "/v1/events/{eventId}/guests/search" -> "q=" + e.firstNames().get(0).substring(0, 3);
            case "/v1/ingest/quarantine" -> "limit=100";
            default -> "";
        };
        Object body = body(route.method(), template, target);
        return new Request(route.method(), path, query,
                body == null ? null : (body instanceof String s ? s : Json.write(body)).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Object body(String method, String template, Target target) {
        Party.Event e = target.event();
        long now = System.currentTimeMillis();
        if (method.equals("GET") || method.equals("DELETE")) {
            return null;
        }
        if (template.equals("/v1/events")) {
            return Envelopes.envelope(target.tenantId(), "checkin.success",
                    Map.of("event", e.id(), "guest_id", e.guest(), "mode", "qr")).toString();
        }
        if (template.equals("/v1/devices")) {
            return Map.of("device_id", "cell-" + UUID.randomUUID().toString().substring(0, 8), "role", "kiosk",
                    "events", List.of(e.id()), "tenant_id", target.tenantId());
        }
        if (template.equals("/v1/devices/{deviceId}")) {
            // back to each event's first stop: valid for a key of any events (a named stop must be one of each)
            return "{\"stop_id\":null}";
        }
        if (template.equals("/v1/rsvp/{token}")) {
            // the pass's own guest, at the one stop of an event that names none (SPEC §16)
            return Map.of("responses", List.of(Map.of("guest_id", e.guest(), "stop_id", "main", "status", "yes")));
        }
        if (template.startsWith("/v1/ingest/") || template.endsWith("/undo") || template.endsWith("/ack")) {
            return null;
        }
        String rest = template.substring("/v1/events/{eventId}".length());
        Map<String, Object> body = new LinkedHashMap<>();
        switch (rest) {
            case "" -> {
                // an event id is chosen per tenant (SPEC §6): B may create its own "e1", so what names A here is the
                // body's tenant_id, which SPEC §3 refuses with 403 tenant_mismatch when it is not the caller's
                body.put("tenant_id", target.tenantId());
                body.put("name", "Overwritten");
                body.put("kind", "gala");
                body.put("timezone", "Europe/Madrid");
            }
            case "/guests" -> body.put("guests", List.of(Map.of("id", e.guest(), "first_name", "Overwritten",
                    "last_name", "Overwritten", "rsvp", "declined")));
            case "/tables" -> body.put("tables", List.of(Map.of("id", e.tableId(), "label", "OVR-1", "zone", "za",
                    "capacity", 2, "shape", "round")));
            case "/passes" -> body.put("households", true);
            case "/invitations" -> {
                body.put("guest_ids", List.of(e.guest()));
                body.put("channel", "email");
                body.put("template", "invitation");
            }
            case "/seating/solve" -> body.put("time_limit_ms", 200);
            case "/seating/moves" -> {
                body.put("version", 1);
                body.put("moves", List.of(Map.of("guest", e.guest(), "table", e.tableId())));
            }
            case "/seating/locks" -> body.put("locks", List.of(Map.of("guest", e.guest(), "table", e.tableId())));
            case "/seating/relations" -> {
                body.put("relations", List.of(Map.of("a", e.guest(), "b", e.guestIds().get(1), "weight", 5)));
                body.put("must_apart", List.of());
            }
            case "/seating/publish" -> body.put("version", 1);
            case "/checkins" -> {
                body.put("checkin_id", UUID.randomUUID().toString());
                body.put("pass", e.pass());
                body.put("mode", "qr");
                body.put("scanned_at", now);
            }
            case "/arrivals" -> {
                body.put("guest_id", e.guest());
                body.put("table_id", e.tableId());
                body.put("confirm_mode", "tap");
                body.put("arrived_at", now);
            }
            case "/walkins" -> {
                body.put("walkin_id", UUID.randomUUID().toString());
                body.put("first_name", "Cell");
                body.put("table_id", e.tableId());
            }
            case "/reseats" -> {
                body.put("guest_id", e.guest());
                body.put("to_table_id", e.tableId());
                body.put("reason_code", "staff_override");
            }
            case "/alerts" -> {
                body.put("level", "ALERT");
                body.put("message", "Check the garden door");
            }
            case "/checkouts" -> {
                body.put("checkout_id", UUID.randomUUID().toString());
                body.put("guest_id", e.guestIds().get(1));
                body.put("scanned_at", now);
            }
            case "/incidents" -> body.put("category", "spill");
            case "/incidents/{incidentId}/resolve" -> body.put("resolution_code", "cleaned");
            case "/exits/{exitId}" -> body.put("status", "CLOSED");
            case "/muster/{pointId}/checkins" -> body.put("guest_id", e.guest());
            default -> throw new AssertionError("no well-formed body known for " + method + " " + template
                    + ": add one to Calls.body");
        }
        return body;
    }

    /** Sends {@code request} with {@code credential}: a bearer token, or the SPEC §4 headers over the raw path. */
    static Api.Answer send(Api api, Request request, Credential credential) {
        Map<String, String> headers = new HashMap<>();
        if (request.body() != null) {
            headers.put("content-type", "application/json");
        }
        if (credential.bearer() != null) {
            headers.put("authorization", "Bearer " + credential.bearer());
        }
        if (credential.signer() != null) {
            headers.putAll(credential.signer().sign(request.method(), request.path(),
                    request.body() == null ? new byte[0] : request.body()));
        }
        headers.putAll(request.headers());
        return api.send(request.method(), request.path() + (request.query().isEmpty() ? "" : "?" + request.query()),
                request.body(), headers);
    }
}
