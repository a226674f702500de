package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** An event with zones, exits and muster points set up through the API, and Ops Live clients watching it. */
record SafetyEvent(Tenant tenant, String id) {

    static SafetyEvent create(Tenant tenant, int zoneCapacity) {
        String id = "safety-" + UUID.randomUUID().toString().substring(0, 8);
        var answer = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + id, Map.of(
                "name", "Winter Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "green", "capacity", zoneCapacity),
                        Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue", "capacity", 500)),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"),
                        Map.of("id", "x2", "name", "South", "status", "OPEN")),
                "muster_points", List.of(Map.of("id", "m1", "name", "Car park"), Map.of("id", "m2", "name", "Lawn"))));
        assertEquals(201, answer.status(), answer.body());
        return new SafetyEvent(tenant, id);
    }

    /** Guests g000… confirmed, ten to a table, every table in zone {@code za}. */
    void guests(int count) {
        List<Map<String, Object>> guests = new ArrayList<>();
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            guests.add(Map.of("id", guestId(i), "first_name", "Guest", "last_name", "N" + i, "rsvp", "confirmed",
                    "table_id", "t" + i / 10));
            if (i % 10 == 0) {
                tables.add(Map.of("id", "t" + i / 10, "label", "A-" + i / 10, "zone", "za", "capacity", 10, "shape", "round"));
            }
        }
        var tableAnswer = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + id + "/tables", Map.of("tables", tables));
        assertEquals(200, tableAnswer.status(), tableAnswer.body());
        assertTrue(tableAnswer.json().path("errors").isEmpty(), tableAnswer.body());
        var answer = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + id + "/guests", Map.of("guests", guests));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.json().path("errors").isEmpty(), answer.body());
    }

    static final List<String> FIRST_NAMES = List.of("Zoé", "anna", "Lucas", "Mia", "Émile", "Noah", "Léa");
    static final List<String> LAST_NAMES = List.of("Dupont", "Okafor", "Schmidt", "Ng", "Ørsted");

    /** Table {@code t<n>}: even tables in zone A ({@code za}), odd ones in zone B. */
    static String zoneOfTable(int table) {
        return table % 2 == 0 ? "A" : "B";
    }

    static boolean pmr(int i) {
        return i % 20 == 7;
    }

    /**
     * Guests g000… with varied names, ten to a table, tables alternating between zones A and B, and every
     * twentieth guest (7, 27, …) tagged pmr: a roll call's order can be told apart from guest id order.
     */
    void namedGuests(int count) {
        List<Map<String, Object>> guests = new ArrayList<>();
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            guests.add(Map.of("id", guestId(i), "first_name", FIRST_NAMES.get(i % FIRST_NAMES.size()),
                    "last_name", LAST_NAMES.get(i % LAST_NAMES.size()), "rsvp", "confirmed", "table_id", "t" + i / 10,
                    "tags", pmr(i) ? List.of("pmr") : List.of()));
            if (i % 10 == 0) {
                String zone = zoneOfTable(i / 10);
                tables.add(Map.of("id", "t" + i / 10, "label", zone + "-" + i / 10, "zone", "z" + zone.toLowerCase(),
                        "capacity", 10, "shape", "round"));
            }
        }
        var tableAnswer = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + id + "/tables", Map.of("tables", tables));
        assertEquals(200, tableAnswer.status(), tableAnswer.body());
        assertTrue(tableAnswer.json().path("errors").isEmpty(), tableAnswer.body());
        var answer = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + id + "/guests", Map.of("guests", guests));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.json().path("errors").isEmpty(), answer.body());
    }

    static String guestId(int i) {
        return String.format("g%03d", i);
    }

    Api.Answer checkIn(String token, String guestId) {
        return tenant.api().withToken(token, "POST", "/v1/events/" + id + "/checkins", Map.of("checkin_id",
                UUID.randomUUID().toString(), "guest_id", guestId, "mode", "name", "scanned_at", System.currentTimeMillis()));
    }

    /** A person's check-in at one stop of the event (SPEC §16: staff name their stop). */
    Api.Answer checkIn(String token, String guestId, String stopId) {
        return tenant.api().withToken(token, "POST", "/v1/events/" + id + "/checkins", Map.of("checkin_id",
                UUID.randomUUID().toString(), "guest_id", guestId, "mode", "name", "scanned_at", System.currentTimeMillis(),
                "stop_id", stopId));
    }

    Api.Answer raise(String token, Map<String, Object> body) {
        return tenant.api().withToken(token, "POST", "/v1/events/" + id + "/alerts", body);
    }

    Api.Answer ack(String token, String alertId) {
        return tenant.api().withToken(token, "POST", "/v1/events/" + id + "/alerts/" + alertId + "/ack", "");
    }

    Api.Answer exit(String token, String exitId, String status) {
        return tenant.api().withToken(token, "PUT", "/v1/events/" + id + "/exits/" + exitId, Map.of("status", status));
    }

    Api.Answer get(String token, String path) {
        return tenant.api().withToken(token, "GET", "/v1/events/" + id + path, null);
    }

    SocketClient watch(String... roles) {
        SocketClient client = SocketClient.connect(URI.create(tenant.stack().wsEndpoint() + "/?token="
                + URLEncoder.encode(tenant.token(roles), StandardCharsets.UTF_8)));
        JsonNode subscribed = json(client.ask("{\"action\":\"subscribe\",\"event\":\"" + id + "\"}"));
        // the subscription counts from when it is stored, so the stream's push of a check-in made just before can
        // overtake the answer to subscribe: skip such messages (bounded), they are not what this client waits for
        for (int skipped = 0; !"subscribed".equals(subscribed.path("type").asText()) && skipped < 100; skipped++) {
            assertEquals(id, subscribed.path("event").asText(), subscribed::toString);
            subscribed = json(client.next());
        }
        assertEquals("subscribed", subscribed.get("type").asText(), subscribed::toString);
        return client;
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    /** The next message of the given type, skipping others (e.g. check-in messages of the same event). */
    static JsonNode next(SocketClient client, String type) {
        for (int i = 0; i < 1000; i++) {
            JsonNode message = json(client.next());
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " message");
    }

    /**
     * The next message that is not a page of an evacuation's roll call (sent right after the EVAC alert), for
     * tests that follow the order of the other messages.
     */
    static JsonNode nextBesideRollCall(SocketClient client) {
        while (true) {
            JsonNode message = json(client.next());
            if (!("muster".equals(message.path("type").asText()) && message.path("data").path("roll_call").asBoolean())) {
                return message;
            }
        }
    }

    static void assertType(String type, JsonNode message) {
        assertTrue(type.equals(message.path("type").asText()), () -> "expected " + type + " but got " + message);
    }

    /** Runs {@code count} calls on four threads and checks each answered {@code status}. */
    static void parallel(int count, IntFunction<Api.Answer> call, int status) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(pool.submit(() -> call.apply(index)));
            }
            for (Future<Api.Answer> answer : answers) {
                Api.Answer done = answer.get();
                assertEquals(status, done.status(), done.body());
            }
        }
    }
}
