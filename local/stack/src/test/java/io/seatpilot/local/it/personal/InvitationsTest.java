package io.seatpilot.local.it.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.messaging.Outbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SPEC §16 invitations through the local stack, the real SDK clients and the local SES v2 / SNS: 300 guests
 * invited by e-mail with one duplicate SQS delivery get exactly one message each, in their language, with the
 * pass link (which opens their pass page), the QR inline and the {@code .ics}; asking again sends nothing; a real
 * refusal (the sender's SES identity gone) is recorded with the provider's reason and sends nothing, and a
 * resend after the fix sends exactly one; an SMS stays within one message.
 */
class InvitationsTest {

    private static final String EVENT = "boda-invitaciones";
    private static final int GUESTS = 300;
    private static final Pattern PASS_LINK = Pattern.compile("https?://[^\\s\"<]+/p/([A-Za-z0-9_-]{32}[A-Za-z0-9_-]+)");

    @Test
    void everyGuestGetsExactlyOneMessageAndARefusalIsRecorded() throws Exception {
        LocalStack stack = SharedStack.get();
        Tenant tenant = Tenant.create("invite");
        String planner = tenant.token("planner");
        long ceremony = System.currentTimeMillis() + 30 * 86_400_000L;
        var event = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + EVENT, Map.of(
                "name", "Boda de Lucía y Pedro", "kind", "wedding", "timezone", "Europe/Madrid", "default_locale", "en",
                "stops", List.of(Map.of("id", "ceremonia", "name", "Ceremonia", "starts_at", ceremony, "venue", "Ermita"))));
        assertEquals(201, event.status(), event.body());
        List<Map<String, Object>> guests = new ArrayList<>();
        for (int i = 0; i < GUESTS; i++) {
            guests.add(Map.of("id", "g" + i, "first_name", "Invitado" + i, "last_name", "Apellido",
                    "email", address(tenant, i), "locale", i % 2 == 0 ? "es" : "en"));
        }
        guests.add(Map.of("id", "sms1", "first_name", "Íñigo", "phone", "+34600123456", "locale", "es"));
        guests.add(Map.of("id", "nocontact", "first_name", "Nadie"));
        var imported = tenant.api().withToken(planner, "PUT", "/v1/events/" + EVENT + "/guests", Map.of("guests", guests));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(GUESTS + 2, imported.json().get("imported").asInt(), imported.body());

        var queued = invite(tenant, planner, Map.of("all", true, "channel", "email", "template", "invitation"));
        assertEquals(202, queued.status(), queued.body());
        assertEquals(GUESTS, queued.json().get("queued").asInt(), queued.body());
        assertEquals(java.util.Set.of("sms1", "nocontact"), java.util.Set.copyOf(texts(queued.json().get("no_contact"))), "no address, nothing queued");
        // one duplicate SQS delivery of a guest's message, as SQS may deliver (at least once)
        var sqs = stack.awsClients().sqs();
        sqs.sendMessage(b -> b.queueUrl(stack.queueUrl("InvitationQueue")).messageBody(Json.write(Map.of(
                "tenant", tenant.id(), "event", EVENT, "guest_id", "g7", "template", "invitation", "channel", "email",
                "generation", 1))));

        Eventually.until(Duration.ofSeconds(120), "every invitation sent", () -> count(status(tenant, planner), "sent") == GUESTS);
        for (int i = 0; i < GUESTS; i++) {
            assertEquals(1, mails(stack, address(tenant, i)).size(), "exactly one message for guest g" + i);
        }
        Outbox.Message spanish = mails(stack, address(tenant, 0)).getFirst();
        assertTrue(spanish.subject().startsWith("Está invitado"), spanish.subject());
        assertTrue(spanish.text().contains("Hola, Invitado0") && spanish.html().contains("cid:pass-qr"), spanish.text());
        assertEquals(List.of("pass-qr.png", "event.ics"), spanish.attachments().stream().map(Outbox.Attachment::filename).toList());
        assertTrue(mails(stack, address(tenant, 1)).getFirst().subject().startsWith("You are invited"), "English for g1");
        Matcher link = PASS_LINK.matcher(spanish.text());
        assertTrue(link.find(), spanish.text());
        var pass = tenant.api().send("GET", "/p/" + link.group(1), null, Map.of("accept", "text/html"));
        assertEquals(200, pass.status(), "the link opens the guest's pass page");
        assertTrue(pass.body().contains("Invitado0"), "the pass of the guest it was sent to");
        assertFalse(spanish.text().contains("Apellido") || spanish.html().contains(address(tenant, 1)), "no one else's data");

        var again = invite(tenant, planner, Map.of("all", true, "channel", "email", "template", "invitation"));
        assertEquals(0, again.json().get("queued").asInt(), again.body());
        assertEquals(GUESTS, again.json().get("already_sent").asInt(), "once per guest, template and channel");

        // a real refusal: SES no longer has the sender's identity (as after its DNS records were removed)
        String domain = "seatpilot.example";
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(stack.messagingEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            ses.deleteEmailIdentity(b -> b.emailIdentity(domain));
            try {
                assertEquals(1, invite(tenant, planner, Map.of("guest_ids", List.of("g3"), "channel", "email",
                        "template", "pass")).json().get("queued").asInt());
                JsonNode failed = Eventually.await(Duration.ofSeconds(60), () -> delivery(tenant, planner, "g3", "pass"),
                        d -> d.isPresent() && d.get().get("status").asText().equals("failed")).orElseThrow();
                // with the domain identity gone, the sender's address is its own (unverified) identity, which the
                // function's ses:SendEmail grant (on the domain identity only) does not cover: IAM refuses first, as in AWS
                assertTrue(failed.get("reason").asText().startsWith("AccessDeniedException: ")
                        && failed.get("reason").asText().contains("ses:SendEmail"), failed.toString());
                assertEquals(1, failed.get("attempts").asInt(), "a refusal that retrying cannot mend is not retried");
                assertFalse(failed.get("reason").asText().contains("seatpilot.example"), "addresses are masked: " + failed);
            } finally {
                ses.createEmailIdentity(b -> b.emailIdentity(domain));
            }
        }
        assertEquals(1, mails(stack, address(tenant, 3)).size(), "the refused pass was not sent");
        var resend = invite(tenant, planner, Map.of("guest_ids", List.of("g3"), "channel", "email", "template", "pass", "resend", true));
        assertEquals(1, resend.json().get("queued").asInt(), resend.body());
        Eventually.until(Duration.ofSeconds(60), "the resent pass sent",
                () -> delivery(tenant, planner, "g3", "pass").map(d -> d.get("status").asText().equals("sent")).orElse(false));
        assertEquals(2, mails(stack, address(tenant, 3)).size(), "the invitation and now the pass, one each");

        var sms = invite(tenant, planner, Map.of("guest_ids", List.of("sms1"), "channel", "sms", "template", "invitation"));
        assertEquals(1, sms.json().get("queued").asInt(), sms.body());
        Eventually.until(Duration.ofSeconds(60), "the SMS sent",
                () -> delivery(tenant, planner, "sms1", "invitation").map(d -> d.get("status").asText().equals("sent")).orElse(false));
        List<Outbox.Message> texts = stack.outbox().list(new Outbox.Filter(Optional.of(Outbox.Channel.SMS),
                Optional.of("+34600123456"), Optional.empty()));
        assertEquals(1, texts.size());
        assertEquals(1, texts.getFirst().segments(), "one SMS part: " + texts.getFirst().text());
        assertTrue(texts.getFirst().text().contains("/r/"), "the RSVP link: " + texts.getFirst().text());
    }

    @Test
    void remindersGoOutOncePerRoundOnTheSchedule() throws Exception {
        LocalStack stack = SharedStack.get();
        Tenant tenant = Tenant.create("remind");
        String planner = tenant.token("planner");
        String event = "gala-recordatorio";
        long firstStop = System.currentTimeMillis() + 72 * 3_600_000L + 8_000;
        assertEquals(201, tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + event, Map.of(
                "name", "Gala", "kind", "gala", "timezone", "Europe/Madrid", "default_locale", "en",
                "stops", List.of(Map.of("id", "cena", "name", "Cena", "starts_at", firstStop)))).status());
        assertEquals(200, tenant.api().withToken(planner, "PUT", "/v1/events/" + event + "/guests", Map.of("guests", List.of(
                Map.of("id", "r1", "first_name", "Ana", "email", "ana." + tenant.id() + "@guests.example"),
                Map.of("id", "r2", "first_name", "Ben", "email", "ben." + tenant.id() + "@guests.example", "locale", "es"),
                Map.of("id", "r3", "first_name", "Cy", "email", "cy." + tenant.id() + "@guests.example", "rsvp", "declined")))).status());
        var printed = tenant.api().withToken(planner, "POST", "/v1/events/" + event + "/passes", Map.of("guest_ids", List.of("r1")));
        assertEquals(201, printed.status(), printed.body());
        String printedToken = printed.json().get("passes").get(0).get("token").asText();
        var path = "/v1/events/" + event + "/invitations";
        assertEquals(3, tenant.api().withToken(planner, "POST", path,
                Map.of("all", true, "channel", "email", "template", "invitation")).json().get("queued").asInt());
        Eventually.until(Duration.ofSeconds(60), "the invitations sent", () -> count(
                tenant.api().withToken(planner, "GET", path, null).json().get("deliveries"), "sent") == 3);
        assertTrue(mails(stack, "ana." + tenant.id() + "@guests.example").getFirst().text().contains("/p/" + printedToken),
                "the invitation carries the pass the planner issued (and printed), it does not replace it");
        stack.triggerSchedule("InvitationReminderFunction");
        assertEquals(0, reminders(tenant, planner, path), "72 h before the first stop is still ahead");

        Thread.sleep(Math.max(0, firstStop - 72 * 3_600_000L - System.currentTimeMillis() + 500));
        stack.triggerSchedule("InvitationReminderFunction");
        stack.triggerSchedule("InvitationReminderFunction");
        Eventually.until(Duration.ofSeconds(60), "the 72 h reminders sent", () -> {
            JsonNode all = tenant.api().withToken(planner, "GET", path, null).json().get("deliveries");
            long sent = 0;
            for (JsonNode d : all) {
                sent += d.get("template").asText().equals("reminder") && d.get("status").asText().equals("sent") ? 1 : 0;
            }
            return sent == 2;
        });
        assertEquals(2, reminders(tenant, planner, path), "Ana and Ben; Cy declined; the second run took nothing");
        for (String name : List.of("ana", "ben")) {
            List<Outbox.Message> mails = mails(stack, name + "." + tenant.id() + "@guests.example");
            assertEquals(2, mails.size(), "the invitation and one reminder for " + name);
        }
        assertTrue(mails(stack, "ben." + tenant.id() + "@guests.example").get(1).subject().startsWith("Recordatorio"));
        assertEquals(1, mails(stack, "cy." + tenant.id() + "@guests.example").size(), "no reminder for a guest who declined");
    }

    private static long reminders(Tenant tenant, String planner, String path) {
        long n = 0;
        for (JsonNode d : tenant.api().withToken(planner, "GET", path, null).json().get("deliveries")) {
            if (d.get("template").asText().equals("reminder")) {
                assertEquals("72h", d.get("round").asText());
                n++;
            }
        }
        return n;
    }

    private static String address(Tenant tenant, int i) {
        return "guest" + i + "." + tenant.id() + "@guests.example";
    }

    private static List<Outbox.Message> mails(LocalStack stack, String to) {
        return stack.outbox().list(new Outbox.Filter(Optional.of(Outbox.Channel.EMAIL), Optional.of(to), Optional.empty()));
    }

    private static io.seatpilot.local.it.Api.Answer invite(Tenant tenant, String token, Object body) {
        return tenant.api().withToken(token, "POST", "/v1/events/" + EVENT + "/invitations", body);
    }

    private static JsonNode status(Tenant tenant, String token) {
        var answer = tenant.api().withToken(token, "GET", "/v1/events/" + EVENT + "/invitations", null);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("deliveries");
    }

    private static Optional<JsonNode> delivery(Tenant tenant, String token, String guestId, String template) {
        for (JsonNode d : status(tenant, token)) {
            if (d.get("guest_id").asText().equals(guestId) && d.get("template").asText().equals(template)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static long count(JsonNode deliveries, String status) {
        long n = 0;
        for (JsonNode d : deliveries) {
            n += d.get("status").asText().equals(status) ? 1 : 0;
        }
        return n;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
