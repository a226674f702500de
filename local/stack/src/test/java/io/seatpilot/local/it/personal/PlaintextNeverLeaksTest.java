package io.seatpilot.local.it.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.messaging.Outbox;
import io.seatpilot.local.websocket.SocketClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SPEC §16 and issue 15 item 1, over a whole journey on the local stack: two guests with distinctive contacts,
 * dietary needs and notes go through import, invitations (SES and SNS, one refused), RSVP, the pass page, the door
 * list, check-in online and offline, Ops Live, the KPIs, the exports and an erasure, and meet a few refusals on the
 * way. Then the plaintext is looked for where it must never be: every line every function printed during the run
 * (guest names too — SPEC says never in logs), every item of the table, every Ops Live message, the door list, the
 * KPI answer, every problem+json body, every row error and what guests and planners are shown. Where it must be (the
 * outbox, the admin's export) it is, and the check-in function's log lines are seen, so the search cannot pass by
 * looking at nothing.
 */
class PlaintextNeverLeaksTest {

    private static final String EVENT = "boda-sin-fugas";
    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Test
    void noGuestPlaintextReachesLogsItemsLiveMessagesDoorListKpisOrErrorBodies() throws Exception {
        LocalStack stack = SharedStack.get();
        Tenant tenant = Tenant.create("plain");
        Map<String, Long> marks = new LinkedHashMap<>();
        for (FunctionDefinition function : stack.functions()) {
            marks.put(function.logicalId(), stack.functionOutput(function.logicalId()).written());
        }
        String planner = tenant.token("planner");
        String admin = tenant.adminToken();
        String wolfgardaMail = "wolfgarda." + tenant.id() + "@guests.example";
        String hortensioMail = "hortensio." + tenant.id() + "@guests.example";
        // the contact, dietary and notes plaintext, in every form it is typed or stored in
        List<String> sealed = List.of(wolfgardaMail, hortensioMail, "+34699112233", "699 11 22 33", "+447911123456",
                "7911 123456", "Tamarindolina", "Pomelomancia", "Quinotarambo", "Zarzamoralia");
        List<String> names = List.of("Wolfgarda", "Hortensio", "Brimblecombe");
        List<String> everything = new ArrayList<>(sealed);
        everything.addAll(names);

        // ---- import ----
        long ceremony = System.currentTimeMillis() + 30 * 86_400_000L;
        assertEquals(201, tenant.api().withToken(admin, "PUT", "/v1/events/" + EVENT, Map.of(
                "name", "Boda sin fugas", "kind", "wedding", "timezone", "Europe/Madrid", "default_locale", "es",
                "rsvp_deadline", ceremony - 86_400_000L,
                "zones", List.of(Map.of("id", "za", "name", "Jardín", "letter", "A", "color", "#2E8B57", "capacity", 50)),
                "stops", List.of(Map.of("id", "ceremonia", "name", "Ceremonia", "starts_at", ceremony, "venue", "Ermita")))).status());
        assertEquals(200, tenant.api().withToken(admin, "PUT", "/v1/events/" + EVENT + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 8)))).status());
        var imported = tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests", Map.of(
                "guests", List.of(
                        guest("id", "g1", "first_name", "Wolfgarda", "last_name", "Brimblecombe", "household_id", "hb",
                                "email", wolfgardaMail, "phone", "+34 699 11 22 33", "dietary", "sin gluten ni Tamarindolina",
                                "notes", "alérgica a la Pomelomancia", "locale", "es", "max_companions", 1,
                                "rsvp", "pending", "table_id", "t1", "tags", List.of("vip")),
                        guest("id", "g2", "first_name", "Hortensio", "last_name", "Brimblecombe", "household_id", "hb",
                                "email", hortensioMail, "phone", "+44 7911 123456", "dietary", "nada de Quinotarambo",
                                "notes", "trae el Zarzamoralia", "locale", "en", "rsvp", "pending", "table_id", "t1")),
                "households", List.of(Map.of("id", "hb", "name", "Familia Brimblecombe"))));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(2, imported.json().get("imported").asInt(), imported.body());
        var issued = tenant.api().withToken(admin, "POST", "/v1/events/" + EVENT + "/passes", Map.of("households", true));
        assertEquals(201, issued.status(), issued.body());
        Map<String, String> passes = new HashMap<>();
        issued.json().get("passes").forEach(p -> passes.put(p.has("guest_id") ? p.get("guest_id").asText()
                : "household:" + p.get("household_id").asText(), p.get("token").asText()));

        // ---- invitations: e-mail to both, an SMS to Hortensio ----
        var byMail = tenant.api().withToken(planner, "POST", "/v1/events/" + EVENT + "/invitations",
                Map.of("all", true, "channel", "email", "template", "invitation"));
        assertEquals(202, byMail.status(), byMail.body());
        var bySms = tenant.api().withToken(planner, "POST", "/v1/events/" + EVENT + "/invitations",
                Map.of("guest_ids", List.of("g2"), "channel", "sms", "template", "invitation"));
        assertEquals(202, bySms.status(), bySms.body());
        Eventually.until(ASYNC, "three invitations sent", () -> {
            int sent = 0;
            for (JsonNode d : deliveries(tenant, planner).json().get("deliveries")) {
                sent += d.get("status").asText().equals("sent") ? 1 : 0;
            }
            return sent == 3;
        });
        // the plaintext went where it had to: the providers got the addresses (so the searches below look for real values)
        assertEquals(1, stack.outbox().list(new Outbox.Filter(Optional.of(Outbox.Channel.EMAIL), Optional.of(wolfgardaMail),
                Optional.empty())).size());
        assertEquals(1, stack.outbox().list(new Outbox.Filter(Optional.of(Outbox.Channel.SMS), Optional.of("+447911123456"),
                Optional.empty())).size());

        // what guests (pass and RSVP pages) and planners (delivery status) are shown
        Map<String, String> answers = new LinkedHashMap<>();
        // a send the provider refuses: its failure is logged and recorded (SES loses the sender's identity meanwhile)
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(stack.messagingEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            ses.deleteEmailIdentity(b -> b.emailIdentity("seatpilot.example"));
            try {
                assertEquals(202, tenant.api().withToken(planner, "POST", "/v1/events/" + EVENT + "/invitations",
                        Map.of("guest_ids", List.of("g1"), "channel", "email", "template", "pass")).status());
                Eventually.until(ASYNC, "the refused pass recorded", () -> {
                    for (JsonNode d : deliveries(tenant, planner).json().get("deliveries")) {
                        if (d.get("template").asText().equals("pass") && d.get("status").asText().equals("failed")) {
                            return true;
                        }
                    }
                    return false;
                });
            } finally {
                ses.createEmailIdentity(b -> b.emailIdentity("seatpilot.example"));
            }
        }
        answers.put("invitation status", deliveries(tenant, planner).body());

        // ---- RSVP by the household's pass ----
        String household = passes.get("household:hb");
        var rsvpPage = tenant.api().send("GET", "/r/" + household, null, Map.of("accept", "text/html"));
        assertEquals(200, rsvpPage.status(), rsvpPage.body());
        answers.put("RSVP page", rsvpPage.body());
        var rsvp = rsvp(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "g1", "stop_id", "ceremonia", "status", "yes"),
                Map.of("guest_id", "g2", "stop_id", "ceremonia", "status", "yes")), "companions", 1));
        assertEquals(200, rsvp.status(), rsvp.body());
        answers.put("RSVP answer", rsvp.body());

        // ---- the pass page and the guest's own view ----
        var passPage = tenant.api().send("GET", "/p/" + passes.get("g1"), null, Map.of("accept", "text/html"));
        assertEquals(200, passPage.status(), passPage.body());
        answers.put("pass page", passPage.body());
        var passView = tenant.api().send("GET", "/v1/passes/" + passes.get("g1"), null, Map.of());
        assertEquals(200, passView.status(), passView.body());
        answers.put("pass view", passView.body());

        // ---- the door: door list, name search, check-in online and offline, watched on Ops Live ----
        Tenant.Key kiosk = tenant.issueKey("door-plain", "kiosk");
        Tenant.Key offlineKiosk = tenant.issueKey("door-plain-offline", "kiosk");
        Map<String, String> doorAnswers = new LinkedHashMap<>();
        var doorList = tenant.api().signed(kiosk.signer(), "GET", "/v1/events/" + EVENT + "/doorlist", "");
        assertEquals(200, doorList.status(), doorList.body());
        assertEquals(2, doorList.json().get("guests").size(), doorList.body());
        doorAnswers.put("door list", doorList.body());
        var search = tenant.api().withToken(tenant.volunteer(0, "staff"), "GET", "/v1/events/" + EVENT + "/guests/search?q=wolf", null);
        assertEquals(200, search.status(), search.body());
        doorAnswers.put("name search", search.body());

        List<String> live = new ArrayList<>();
        try (SocketClient ops = SocketClient.connect(URI.create(stack.wsEndpoint() + "/?token="
                + URLEncoder.encode(tenant.token("ops"), StandardCharsets.UTF_8)))) {
            assertEquals("subscribed", Json.MAPPER.readTree(ops.ask("{\"action\":\"subscribe\",\"event\":\"" + EVENT + "\"}"))
                    .get("type").asText());
            long now = System.currentTimeMillis();
            var online = tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + EVENT + "/checkins", Json.write(Map.of(
                    "checkin_id", UUID.randomUUID().toString(), "pass", passes.get("g1"), "mode", "qr", "scanned_at", now)));
            assertEquals(201, online.status(), online.body());
            assertTrue(Api.texts(online.json().get("attention")).contains("notes"), "the door learns there are notes: " + online.body());
            doorAnswers.put("online check-in", online.body());
            // offline: Hortensio's scan, and a second scan of Wolfgarda that becomes a conflict
            upload(tenant, offlineKiosk, offlineScan(tenant, passes.get("g2"), now - 20_000));
            upload(tenant, offlineKiosk, offlineScan(tenant, passes.get("g1"), now + 2_000));
            Set<String> checkedIn = new HashSet<>();
            Eventually.until(ASYNC, "both check-ins and the conflict on Ops Live", () -> {
                ops.poll(Duration.ofMillis(200)).ifPresent(message -> {
                    live.add(message);
                    JsonNode parsed = parse(message);
                    if (parsed.path("type").asText().equals("checkin")) {
                        JsonNode data = parsed.get("data");
                        (data.has("items") ? data.get("items") : Json.MAPPER.createArrayNode().add(data))
                                .forEach(fact -> checkedIn.add(fact.path("guest_id").asText()));
                    }
                });
                return checkedIn.containsAll(Set.of("g1", "g2"))
                        && live.stream().anyMatch(m -> parse(m).path("type").asText().equals("conflict"));
            });

            // ---- KPIs: the rollup pushes a kpi message; the read answers ----
            Eventually.until(ASYNC, "a kpi message on Ops Live", () -> {
                stack.triggerSchedule("KpiRollupFunction");
                Optional<String> message;
                while ((message = ops.poll(Duration.ofMillis(500))).isPresent()) {
                    live.add(message.get());
                }
                return live.stream().anyMatch(m -> parse(m).path("type").asText().equals("kpi"));
            });
        }
        var kpis = tenant.api().withToken(tenant.token("ops"), "GET", "/v1/events/" + EVENT + "/kpis", null);
        assertEquals(200, kpis.status(), kpis.body());
        doorAnswers.put("KPIs", kpis.body());
        var snapshot = tenant.api().withToken(tenant.token("ops"), "GET", "/v1/events/" + EVENT + "/live/snapshot", null);
        assertEquals(200, snapshot.status(), snapshot.body());
        doorAnswers.put("live snapshot", snapshot.body());

        // ---- exports: the printable door list, and the admin's personal-data export (the one place it is opened) ----
        var csv = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/doorlist.csv", null);
        assertEquals(200, csv.status(), csv.body());
        var export = tenant.api().withToken(admin, "GET", "/v1/events/" + EVENT + "/guests/g1/export", null);
        assertEquals(200, export.status(), export.body());
        assertEquals(wolfgardaMail, export.json().get("email").asText(), "the export opens what is sealed");
        assertEquals("+34699112233", export.json().get("phone").asText());
        // and a personal-data erasure, whose logs are searched with the rest
        var erased = tenant.api().withToken(admin, "DELETE", "/v1/events/" + EVENT + "/guests/g2", null);
        assertEquals(200, erased.status(), erased.body());

        // ---- refusals that carry the plaintext in: their problem+json bodies must not echo it back ----
        Map<String, Api.Answer> refusals = new LinkedHashMap<>();
        refusals.put("import, unreadable JSON", tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests",
                "{\"guests\":[{\"id\":\"g1\",\"email\":" + wolfgardaMail + ",\"notes\":\"Pomelomancia\"}]}"));
        refusals.put("RSVP, dietary not on the list", rsvp(tenant, household, Map.of("responses", List.of(
                Map.of("guest_id", "g1", "stop_id", "ceremonia", "status", "yes")), "dietary", Map.of("g1", "Tamarindolina"))));
        refusals.put("RSVP, unreadable JSON", tenant.api().send("POST", "/v1/rsvp/" + household,
                ("{\"dietary\":{\"g1\": Tamarindolina}, \"email\": \"" + wolfgardaMail + "\"").getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json")));
        refusals.put("check-in, a contact as the pass", tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + EVENT + "/checkins",
                Json.write(Map.of("checkin_id", UUID.randomUUID().toString(), "pass", wolfgardaMail, "mode", "qr",
                        "scanned_at", System.currentTimeMillis()))));
        refusals.put("invitation, a contact as the guest id", tenant.api().withToken(planner, "POST", "/v1/events/" + EVENT + "/invitations",
                Map.of("guest_ids", List.of(wolfgardaMail), "channel", "Tamarindolina", "template", "invitation")));
        refusals.forEach((what, answer) -> assertTrue(answer.status() >= 400 && answer.contentType().startsWith("application/problem+json"),
                what + " is a problem+json refusal: " + answer.status() + " " + answer.body()));
        // an import answers refused rows one by one (200 with per-row errors): those must not echo the values either
        Map<String, Api.Answer> rowErrors = new LinkedHashMap<>();
        rowErrors.put("import, notes too long", tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests",
                Map.of("guests", List.of(Map.of("id", "g1", "first_name", "Wolfgarda", "notes", "Pomelomancia ".repeat(50))))));
        rowErrors.put("import, a bad e-mail", tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests",
                Map.of("guests", List.of(Map.of("id", "g1", "first_name", "Wolfgarda", "email", "Tamarindolina@@" + wolfgardaMail)))));
        rowErrors.put("import, a bad phone", tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests",
                Map.of("guests", List.of(Map.of("id", "g2", "first_name", "Hortensio", "phone", "+44 7911 123456 ext Zarzamoralia")))));
        rowErrors.put("import, unreadable CSV", tenant.api().send("PUT", "/v1/events/" + EVENT + "/guests",
                ("id,first_name,email,notes\ng9,Ana,ana@example.org,\"Zarzamoralia " + hortensioMail + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of("authorization", "Bearer " + planner, "content-type", "text/csv")));
        rowErrors.forEach((what, answer) -> assertTrue(answer.status() == 200 && answer.json().get("errors").size() == 1,
                what + " is refused row by row: " + answer.status() + " " + answer.body()));

        // ---- where the plaintext must never be ----
        for (String value : sealed) {
            live.forEach(message -> assertFalse(message.contains(value), "Ops Live carries " + value + ": " + message));
            doorAnswers.forEach((what, body) -> assertFalse(body.contains(value), what + " carries " + value + ": " + body));
            answers.forEach((what, body) -> assertFalse(body.contains(value), what + " carries " + value + ": " + body));
            assertFalse(csv.body().contains(value), "the printable door list carries " + value + ": " + csv.body());
            refusals.forEach((what, answer) -> assertFalse(answer.body().contains(value), what + " echoes " + value + ": " + answer.body()));
            rowErrors.forEach((what, answer) -> assertFalse(answer.body().contains(value), what + " echoes " + value + ": " + answer.body()));
        }
        for (String name : names) {
            live.forEach(message -> assertFalse(message.contains(name), "Ops Live names " + name + ": " + message));
            assertFalse(kpis.body().contains(name), "the KPIs name " + name);
        }
        assertFalse(doorList.body().contains("Brimblecombe"), "the door list has no last names: " + doorList.body());

        // the whole table, not only the tenant's keys: the values are this run's own, so any item holding one leaked it
        Map<String, String> items = items(stack);
        long tenantItems = items.keySet().stream().filter(key -> key.startsWith("T#" + tenant.id() + "#")).count();
        assertTrue(tenantItems > 20, "the journey left the tenant's items to search: " + tenantItems);
        for (String value : sealed) {
            List<String> holding = items.entrySet().stream().filter(item -> item.getValue().contains(value)).map(Map.Entry::getKey).toList();
            assertTrue(holding.isEmpty(), value + " is stored readable in " + holding);
        }

        // every asynchronous step was seen done above (sends, live messages, the rollup); a function may still print
        // its closing line just after: a moment more lets those lines be searched too (it can only add lines)
        Thread.sleep(1_000);
        int lines = 0;
        for (var mark : marks.entrySet()) {
            var output = stack.functionOutput(mark.getKey());
            long written = output.written() - mark.getValue();
            List<String> printed = output.since(mark.getValue());
            // lines only add up, so fewer than were written means the oldest fell out of what the stack keeps
            assertTrue(printed.size() >= written, mark.getKey() + " printed more than the stack keeps: " + written);
            lines += printed.size();
            for (String line : printed) {
                for (String value : everything) {
                    assertFalse(line.contains(value), mark.getKey() + " logged " + value + ": " + line);
                }
            }
        }
        // the logs were there to search: the door's function logged its answers during the run
        assertTrue(stack.functionOutput("CheckinFunction").since(marks.get("CheckinFunction")).stream()
                .anyMatch(line -> line.contains("answered 201")), "the check-in function's log lines were captured");
        assertTrue(lines > 50, "lines printed by the functions during the run: " + lines);
    }

    /** A guest row from its fields and values, in pairs (more than {@code Map.of} takes). */
    private static Map<String, Object> guest(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static Api.Answer deliveries(Tenant tenant, String planner) {
        var answer = tenant.api().withToken(planner, "GET", "/v1/events/" + EVENT + "/invitations", null);
        assertEquals(200, answer.status(), answer.body());
        return answer;
    }

    private static Api.Answer rsvp(Tenant tenant, String token, Object body) {
        return tenant.api().send("POST", "/v1/rsvp/" + token, Json.write(body).getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json"));
    }

    private static ObjectNode offlineScan(Tenant tenant, String pass, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), "checkin.success",
                Map.of("event", EVENT, "pass", pass, "mode", "qr", "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        return envelope;
    }

    private static void upload(Tenant tenant, Tenant.Key kiosk, ObjectNode envelope) {
        var answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(envelope)));
        assertEquals(202, answer.status(), answer.body());
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(text, e);
        }
    }

    /** Every item of the table by its keys ({@code pk / sk}), rendered with its binary attributes as text. */
    private static Map<String, String> items(LocalStack stack) {
        Map<String, String> found = new LinkedHashMap<>();
        stack.awsClients().dynamoDb().scanPaginator(b -> b.tableName(stack.tableName("DataTable"))).items()
                .forEach(item -> found.put(item.get("pk").s() + " / " + item.get("sk").s(), render(item)));
        return found;
    }

    private static String render(Map<String, AttributeValue> item) {
        StringBuilder text = new StringBuilder();
        item.forEach((name, value) -> {
            text.append(name).append('=').append(value).append('\n');
            if (value.b() != null) {
                text.append(new String(value.b().asByteArray(), StandardCharsets.UTF_8)).append('\n');
            }
        });
        return text.toString();
    }
}
