package io.seatpilot.local.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** What only the local endpoint promises: what lands in the outbox, and how the outbox pages show it. */
class LocalMessagingServerTest {

    private LocalMessagingServer server;
    private SesV2Client ses;
    private SnsClient sns;

    @BeforeEach
    void start() {
        server = LocalMessagingServer.builder().build().start();
        server.verifyIdentity("seatpilot.example");
        ses = MessagingClients.ses(server.endpoint());
        sns = MessagingClients.sns(server.endpoint());
    }

    @AfterEach
    void stop() {
        ses.close();
        sns.close();
        server.close();
    }

    @Test
    void aSimpleEmailKeepsItsPartsAndAttachments() {
        String id = ses.sendEmail(r -> r.fromEmailAddress("Invitations <invite@seatpilot.example>")
                .destination(d -> d.toAddresses("ana@example.com").bccAddresses("audit@example.com"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Boda de Ana"))
                        .body(b -> b.text(t -> t.data("Hola Ana")).html(h -> h.data("<p>Hola <b>Ana</b><script>x()</script></p>")))
                        .attachments(a -> a.fileName("pass.png").contentType("image/png")
                                .rawContent(SdkBytes.fromByteArray(new byte[123]))))))
                .messageId();
        Outbox.Message m = server.outbox().list(Outbox.Filter.ALL).getFirst();
        assertEquals(id, m.messageId());
        assertEquals("invite@seatpilot.example", m.from());
        assertEquals(List.of("ana@example.com", "audit@example.com"), m.recipients());
        assertEquals("Hola Ana", m.text());
        assertEquals(List.of(new Outbox.Attachment("pass.png", "image/png", 123)), m.attachments());

        var pages = new OutboxPages(server.outbox());
        String page = new String(pages.get(OutboxPages.PATH + "/" + m.id(), Map.of()).body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("<iframe sandbox"), page);
        assertTrue(page.contains("pass.png") && page.contains("Hola Ana") && page.contains("Boda de Ana"), page);
        var body = pages.get(OutboxPages.PATH + "/" + m.id() + "/html", Map.of());
        assertTrue(body.headers().get("content-security-policy").startsWith("sandbox"), body.headers().toString());
    }

    @Test
    void aRawMimeMessageIsTakenApart() {
        String mime = "From: Ana <invite@seatpilot.example>\r\nTo: luis@example.com, eva@example.com\r\nSubject: =?UTF-8?Q?Invitaci=C3=B3n?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\n"
                + "Content-Type: multipart/alternative; boundary=\"i\"\r\n\r\n--i\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Texto\r\n--i\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>HTML</p>\r\n--i--\r\n--o\r\n"
                + "Content-Type: text/calendar\r\nContent-Disposition: attachment; filename=\"boda.ics\"\r\n\r\nBEGIN:VCALENDAR\r\n--o--\r\n";
        ses.sendEmail(r -> r.content(c -> c.raw(raw -> raw.data(SdkBytes.fromString(mime, StandardCharsets.UTF_8)))));
        Outbox.Message m = server.outbox().list(Outbox.Filter.ALL).getFirst();
        assertEquals("invite@seatpilot.example", m.from());
        assertEquals(List.of("luis@example.com", "eva@example.com"), m.to());
        assertEquals("Invitación", m.subject());
        assertEquals("<p>HTML</p>", m.html().strip());
        assertEquals("boda.ics", m.attachments().getFirst().filename());
    }

    @Test
    void smsCountsTheSegmentsACarrierWouldBill() {
        sns.publish(r -> r.phoneNumber("+34600000001").message("a".repeat(160)));
        sns.publish(r -> r.phoneNumber("+34600000002").message("a".repeat(161)));
        sns.publish(r -> r.phoneNumber("+34600000003").message("Mesa 12 — ¡bienvenida!")); // the dash forces UCS-2
        sns.publish(r -> r.phoneNumber("+34600000004").message("é".repeat(71)));
        List<Integer> segments = server.outbox().list(new Outbox.Filter(Optional.of(Outbox.Channel.SMS), Optional.empty(),
                Optional.empty())).stream().map(Outbox.Message::segments).toList();
        assertEquals(List.of(1, 2, 1, 1), segments, "é is in GSM-7, so 71 of them still fit one message");
        assertEquals(1, server.outbox().list(new Outbox.Filter(Optional.empty(), Optional.of("+34600000002"), Optional.empty())).size());
    }

    @Test
    void aTopicDeliversOnlyToSubscribersWhoseFilterMatches() {
        String topic = server.createTopic("oncall-test");
        sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+34600000010")
                .attributes(Map.of("FilterPolicy", "{\"tenant\":[\"acme\"],\"event\":[\"gala\"]}")));
        sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("ops@example.com")
                .attributes(Map.of("FilterPolicy", "{\"tenant\":[\"acme\"],\"event\":[\"other\"]}")));
        sns.publish(r -> r.topicArn(topic).message("EVAC").subject("Page")
                .messageAttributes(Map.of("tenant", MessagingContract.string("acme"), "event", MessagingContract.string("gala"))));
        List<Outbox.Message> all = server.outbox().list(Outbox.Filter.ALL);
        assertEquals(1, all.size());
        assertEquals(List.of("+34600000010"), all.getFirst().to());
        assertEquals(topic, all.getFirst().topicArn());
    }

    @Test
    void theJsonListFiltersByChannelRecipientAndTime() {
        sns.publish(r -> r.phoneNumber("+34600000020").message("one"));
        long after = System.currentTimeMillis() + 1;
        var pages = new OutboxPages(server.outbox());
        assertEquals(200, pages.get(OutboxPages.PATH, Map.of("channel", "sms")).status());
        assertTrue(new String(pages.get(OutboxPages.PATH, Map.of("to", "+34600000020")).body(), StandardCharsets.UTF_8).contains("\"one\""));
        assertEquals("{\"messages\":[]}", new String(pages.get(OutboxPages.PATH, Map.of("since", String.valueOf(after + 60_000))).body(),
                StandardCharsets.UTF_8));
        assertEquals(400, pages.get(OutboxPages.PATH, Map.of("channel", "fax")).status());
    }
}
