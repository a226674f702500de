package io.seatpilot.local.it.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §16 RSVP through the local stack: a household's pass answers for its members per stop (a ceremony-only
 * guest is asked about the ceremony only), companions up to the party's allowance, a dietary choice from the list;
 * the page's plain form and the JSON route go through the same rules; the guest's overall RSVP follows (the door
 * reads it); every change is audited; after the deadline answers are refused with {@code 409 rsvp_closed} and the
 * page says so.
 */
class RsvpTest {

    private static final String EVENT = "boda-rsvp";

    @Test
    void aHouseholdAnswersPerStopUntilTheDeadline() throws Exception {
        Tenant tenant = Tenant.create("rsvp");
        long dayAfter = System.currentTimeMillis() + 86_400_000L;
        definition(tenant, dayAfter, 201);
        var imported = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + EVENT + "/guests", Map.of(
                "guests", List.of(
                        Map.of("id", "m1", "first_name", "Lucía", "last_name", "Vidal", "household_id", "hv", "max_companions", 1,
                                "locale", "es"),
                        Map.of("id", "m2", "first_name", "Tomás", "last_name", "Vidal", "household_id", "hv",
                                "stops", List.of("ceremonia")),
                        Map.of("id", "x1", "first_name", "Pía", "stops", List.of("cena-de-gala"))),
                "households", List.of(Map.of("id", "hv", "name", "Familia Vidal"))));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(2, imported.json().get("imported").asInt(), "a stop the event does not have refuses the row: " + imported.body());
        var passes = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/events/" + EVENT + "/passes", Map.of("households", true));
        assertEquals(201, passes.status(), passes.body());
        String household = null;
        for (JsonNode pass : passes.json().get("passes")) {
            if (pass.has("household_id")) {
                household = pass.get("token").asText();
            }
        }

        var page = tenant.api().send("GET", "/r/" + household, null, Map.of("accept", "text/html"));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("¿Nos acompañas?") && page.body().contains("Lucía") && page.body().contains("Tomás"),
                "in the guest's language (es): " + page.body());
        assertFalse(page.body().contains("Vidal"), "first names only");
        assertTrue(page.header("content-security-policy").orElse("").contains("form-action 'self'"));
        assertEquals("no-store", page.header("cache-control").orElse(""));
        assertEquals(3, count(page.body(), "<fieldset"), "Lucía: ceremony and banquet; Tomás: the ceremony only");

        var json = answer(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "m1", "stop_id", "ceremonia", "status", "yes"),
                Map.of("guest_id", "m1", "stop_id", "banquete", "status", "no"),
                Map.of("guest_id", "m2", "stop_id", "ceremonia", "status", "no")),
                "companions", 1, "dietary", Map.of("m1", "vegan")));
        assertEquals(200, json.status(), json.body());
        assertEquals("yes", json.json().get("guests").get(0).get("responses").get(0).get("status").asText());
        assertEquals(1, json.json().get("companions").asInt());

        assertEquals(422, answer(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "m2", "stop_id", "banquete", "status", "yes")))).status(), "Tomás is not invited to it");
        assertEquals(422, answer(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "m1", "stop_id", "ceremonia", "status", "yes")), "companions", 2)).status(),
                "one companion allowed");
        assertEquals(403, answer(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "x1", "stop_id", "ceremonia", "status", "yes")))).status());
        assertEquals(422, answer(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "m1", "stop_id", "ceremonia", "status", "yes")), "dietary", Map.of("m1", "pizza"))).status());

        // the page's own form: Tomás changes his mind
        String form = enc("r|m2|ceremonia") + "=yes&" + enc("d|m2") + "=gluten_free&companions=0";
        var posted = tenant.api().send("POST", "/v1/rsvp/" + household + "?lang=es", form.getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/x-www-form-urlencoded"));
        assertEquals(303, posted.status(), posted.body());
        assertEquals("/r/" + household + "?lang=es&saved=1", posted.header("location").orElseThrow());

        var planner = tenant.token("planner");
        JsonNode tomas = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/guests/m2", null).json();
        assertEquals("confirmed", tomas.get("rsvp").asText());
        assertEquals("gluten_free", tomas.get("dietary").asText());
        JsonNode lucia = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/guests/m1", null).json();
        assertEquals("confirmed", lucia.get("rsvp").asText(), "a yes to any stop confirms");
        assertEquals("vegan", lucia.get("dietary").asText());
        var audit = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/events/" + EVENT + "/audit", null);
        assertEquals(200, audit.status(), audit.body());
        assertEquals(3, count(audit.body(), "rsvp.answered"), "m1, m2, then m2 again: " + audit.body());
        var kpis = tenant.api().withToken(tenant.token("ops"), "GET", "/v1/events/" + EVENT + "/kpis", null);
        assertEquals(200, kpis.status(), kpis.body());
        JsonNode rsvp = kpis.json().get("rsvp");
        assertEquals("ceremonia", rsvp.get("stops").get(0).get("stop_id").asText());
        assertEquals(2, rsvp.get("stops").get(0).get("confirmed").asInt(), "Lucía and Tomás at the ceremony: " + rsvp);
        assertEquals(1, rsvp.get("stops").get(1).get("declined").asInt(), "Lucía not at the banquet: " + rsvp);
        assertEquals(0, rsvp.get("companions").asInt(), "the form set companions back to 0: " + rsvp);

        // the planner sets a deadline a second away; then it passes
        long deadline = System.currentTimeMillis() + 1_000;
        definition(tenant, deadline, 200);
        Thread.sleep(Math.max(0, deadline - System.currentTimeMillis() + 100));
        var late = answer(tenant, household, Map.of("responses", List.of(Map.of("guest_id", "m1", "stop_id", "banquete", "status", "yes"))));
        assertEquals(409, late.status(), late.body());
        assertEquals("rsvp_closed", late.reason());
        var closedPage = tenant.api().send("GET", "/r/" + household + "?lang=en", null, Map.of("accept", "text/html"));
        assertTrue(closedPage.body().contains("Answers closed") && !closedPage.body().contains("<button"), closedPage.body());
        var unknown = tenant.api().send("GET", "/r/" + tenant.id() + ".nopenopenope", null, Map.of("accept", "text/html"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("Invitation not found"), unknown.body());
        assertEquals("pass_unknown", tenant.api().send("GET", "/r/" + tenant.id() + ".nopenopenope", null, Map.of()).reason());
    }

    private static void definition(Tenant tenant, long deadline, int status) {
        long ceremony = System.currentTimeMillis() + 7 * 86_400_000L;
        Map<String, Object> event = new HashMap<>(Map.of("name", "Boda de Lucía", "kind", "wedding", "timezone", "Europe/Madrid",
                "default_locale", "en", "rsvp_deadline", deadline,
                "stops", List.of(Map.of("id", "ceremonia", "name", "Ceremonia", "starts_at", ceremony, "venue", "Ermita"),
                        Map.of("id", "banquete", "name", "Banquete", "venue", "Finca"))));
        var answer = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + EVENT, event);
        assertEquals(status, answer.status(), answer.body());
    }

    private static Api.Answer answer(Tenant tenant, String token, Object body) {
        return tenant.api().send("POST", "/v1/rsvp/" + token, Json.write(body).getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json"));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
