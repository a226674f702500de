package io.seatpilot.local.it.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SPEC §16 through the local stack and the real SDK clients: contacts are checked per row, e-mail, phone, dietary
 * needs and notes never reach DynamoDB readable (every item of the table is searched), only admins and planners
 * read them back, the door learns only that there are notes, and a guest's export and erasure do what they say
 * (after erasure, no item of the table holds anything readable about them).
 */
class PersonalDataTest {

    private static final String EVENT = "boda-2027";
    // distinctive values, so a search of the whole table can only find these guests' own data
    private static final Map<String, String> ZEPHYRINE = Map.of("first_name", "Zephyrine", "last_name", "Quillfeatherby",
            "email", "zephyrine.q@example.org", "phone", "+34 612 34 56 78", "dietary", "vegano sin frutos secos",
            "notes", "llega con perro guía Kumquatiel");
    private static Tenant tenant;
    private static String planner;
    private static final Map<String, String> PASSES = new HashMap<>();

    @BeforeAll
    static void importGuests() {
        tenant = Tenant.create("personal");
        planner = tenant.token("planner");
        put("/v1/events/" + EVENT, Map.of("name", "Boda de prueba", "kind", "wedding",
                "zones", List.of(Map.of("id", "za", "name", "Jardín", "letter", "A", "color", "#2E8B57"))), 201);
        put("/v1/events/" + EVENT + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 8))), 200);
        Map<String, Object> zephyrine = new HashMap<>(ZEPHYRINE);
        zephyrine.putAll(Map.of("id", "g1", "rsvp", "confirmed", "table_id", "t1", "locale", "es-ES", "max_companions", 1,
                "household_id", "hq"));
        var answer = tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests", Map.of(
                "guests", List.of(zephyrine,
                        Map.of("id", "g2", "first_name", "Ana", "email", "ana@example.org", "phone", "+44 20 7946 0958",
                                "table_id", "t1", "notes", "trae la tarta Marzipanopolis"),
                        Map.of("id", "bad-phone", "first_name", "Luis", "phone", "+34 123"),
                        Map.of("id", "local-phone", "first_name", "Eva", "phone", "612345678"),
                        Map.of("id", "bad-email", "first_name", "Iker", "email", "iker@localhost"),
                        Map.of("id", "bad-locale", "first_name", "Noa", "locale", "fr")),
                "households", List.of(Map.of("id", "hq", "name", "Familia Quillfeatherby"))));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, answer.json().get("imported").asInt(), answer.body());
        List<String> refused = new ArrayList<>();
        answer.json().get("errors").forEach(e -> refused.add(e.get("id").asText() + ":" + e.get("field").asText()));
        assertEquals(List.of("bad-phone:phone", "local-phone:phone", "bad-email:email", "bad-locale:locale"), refused);
        var passes = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/events/" + EVENT + "/passes",
                Map.of("guest_ids", List.of("g1", "g2")));
        assertEquals(201, passes.status(), passes.body());
        passes.json().get("passes").forEach(p -> PASSES.put(p.get("guest_id").asText(), p.get("token").asText()));
    }

    @Test
    void personalFieldsAreSealedInEveryItemAndOpenOnlyForAdminsAndPlanners() {
        for (String plain : List.of(ZEPHYRINE.get("email"), "+34612345678", ZEPHYRINE.get("dietary"),
                ZEPHYRINE.get("notes"), "ana@example.org", "+442079460958", "Marzipanopolis")) {
            assertTrue(itemsHolding(plain).isEmpty(), plain + " is stored readable: " + itemsHolding(plain));
        }

        var read = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/guests/g1", null);
        assertEquals(200, read.status(), read.body());
        JsonNode guest = read.json();
        assertEquals(ZEPHYRINE.get("email"), guest.get("email").asText());
        assertEquals("+34612345678", guest.get("phone").asText(), "stored in E.164 form");
        assertEquals(ZEPHYRINE.get("dietary"), guest.get("dietary").asText());
        assertEquals(ZEPHYRINE.get("notes"), guest.get("notes").asText());
        assertEquals("es-ES", guest.get("locale").asText());
        assertEquals(1, guest.get("max_companions").asInt());

        for (String role : List.of("ops", "staff", "viewer")) {
            var refused = tenant.api().withToken(tenant.token(role), "GET", "/v1/events/" + EVENT + "/guests/g1", null);
            assertEquals(403, refused.status(), role + ": " + refused.body());
        }
        Tenant other = Tenant.create("personal-other");
        var elsewhere = other.api().withToken(other.token("planner"), "GET", "/v1/events/" + EVENT + "/guests/g1", null);
        assertEquals(404, elsewhere.status(), elsewhere.body());
    }

    @Test
    void theDoorSeesThatThereAreNotesNeverWhatTheySay() {
        var view = tenant.api().withToken(tenant.volunteer(1, "staff"), "GET", "/v1/passes/" + PASSES.get("g2"), null);
        assertEquals(200, view.status(), view.body());
        var card = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events/" + EVENT + "/checkins",
                io.seatpilot.core.json.Json.write(Map.of("checkin_id", java.util.UUID.randomUUID().toString(),
                        "pass", PASSES.get("g2"), "mode", "qr", "scanned_at", System.currentTimeMillis())));
        assertEquals(201, card.status(), card.body());
        assertEquals(List.of("notes"), Api.texts(card.json().get("attention")), card.body());
        for (String answer : List.of(view.body(), card.body())) {
            assertFalse(answer.contains("Marzipanopolis") || answer.contains("ana@example.org")
                    || answer.contains(io.seatpilot.core.event.Guest.WITHHELD), answer);
        }
    }

    @Test
    void exportHoldsEverythingOpenedAndErasureLeavesNothingReadable() {
        var plannerExport = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/guests/g1/export", null);
        assertEquals(403, plannerExport.status(), "export is the admin's: " + plannerExport.body());

        var export = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/events/" + EVENT + "/guests/g1/export", null);
        assertEquals(200, export.status(), export.body());
        JsonNode document = export.json();
        assertEquals("Quillfeatherby", document.get("last_name").asText());
        assertEquals(ZEPHYRINE.get("notes"), document.get("notes").asText());
        assertEquals("Familia Quillfeatherby", document.get("household").get("name").asText());
        assertTrue(document.get("pass_issued_at").asLong() > 0, export.body());

        var erased = tenant.api().withToken(tenant.adminToken(), "DELETE", "/v1/events/" + EVENT + "/guests/g1", null);
        assertEquals(200, erased.status(), erased.body());
        for (String value : List.of("Zephyrine", "Quillfeatherby", "zephyrine.q@example.org", "+34612345678",
                "vegano", "Kumquatiel")) {
            assertTrue(itemsHolding(value).isEmpty(), value + " survives erasure in " + itemsHolding(value));
        }
        assertEquals(404, tenant.api().withToken(tenant.adminToken(), "GET", "/v1/passes/" + PASSES.get("g1"), null).status(),
                "the erased guest's pass is revoked");
        var anonymous = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/guests/g1", null);
        assertEquals(200, anonymous.status(), "the guest stays, anonymous, so counts keep adding up");
        assertEquals("confirmed", anonymous.json().get("rsvp").asText());
        assertFalse(anonymous.json().has("email"), anonymous.body());
        assertEquals(200, tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/guests/g2", null).status());

        var audit = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/events/" + EVENT + "/audit", null);
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.body().contains("personal_data.exported") && audit.body().contains("personal_data.erased"),
                audit.body());
        assertEquals(404, tenant.api().withToken(tenant.adminToken(), "DELETE", "/v1/events/" + EVENT + "/guests/nobody",
                null).status());
    }

    /** Every item of the table whose attributes, strings or bytes, hold {@code text}. */
    private static List<String> itemsHolding(String text) {
        var stack = tenant.stack();
        List<String> found = new ArrayList<>();
        stack.awsClients().dynamoDb().scanPaginator(b -> b.tableName(stack.tableName("DataTable"))).items().forEach(item -> {
            if (render(item).contains(text)) {
                found.add(item.get("pk").s() + " / " + item.get("sk").s());
            }
        });
        return found;
    }

    private static String render(Map<String, AttributeValue> item) {
        StringBuilder text = new StringBuilder();
        item.values().forEach(value -> {
            text.append(value.toString()).append('\n');
            if (value.b() != null) {
                text.append(new String(value.b().asByteArray(), StandardCharsets.UTF_8)).append('\n');
            }
        });
        return text.toString();
    }

    private static void put(String path, Object body, int status) {
        Api.Answer answer = tenant.api().withToken(tenant.adminToken(), "PUT", path, body);
        assertEquals(status, answer.status(), answer.body());
    }

}
