package io.seatpilot.local.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Turns what the endpoints accepted into outbox entries, each with its outbox id, AWS message id and time. */
final class Deliveries {

    private final Outbox outbox;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    Deliveries(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An e-mail SES accepted; returns its SES message id. */
    String email(String from, List<String> to, List<String> cc, List<String> bcc, String subject, String text,
                 String html, List<Outbox.Attachment> attachments) {
        String messageId = "0100" + UUID.randomUUID().toString().replace("-", "") + "-000000";
        outbox.add(new Outbox.Message(nextId(), messageId, Outbox.Channel.EMAIL, clock.millis(), from, to, cc, bcc,
                subject, text, html, attachments, null, null, null, Map.of()));
        return messageId;
    }

    /** An SMS to one number; {@code topicArn} when it came through a topic subscription. */
    void sms(String messageId, String number, String text, String smsType, String senderId, String topicArn,
             Map<String, String> attributes) {
        outbox.add(new Outbox.Message(nextId(), messageId, Outbox.Channel.SMS, clock.millis(), senderId,
                List.of(number), List.of(), List.of(), null, text, null, List.of(), smsType, SmsText.of(text).segments(),
                topicArn, attributes));
    }

    /** A topic's notification e-mailed to an {@code email} subscriber, as SNS sends it (text only). */
    void notificationEmail(String messageId, String address, String subject, String text, String topicArn,
                           Map<String, String> attributes) {
        outbox.add(new Outbox.Message(nextId(), messageId, Outbox.Channel.EMAIL, clock.millis(),
                "no-reply@sns.amazonaws.com", List.of(address), List.of(), List.of(), subject, text, null, List.of(),
                null, null, topicArn, attributes));
    }

    private String nextId() {
        return String.format("m%06d", sequence.incrementAndGet());
    }
}
