package io.seatpilot.local.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every message the local SES v2 and SNS endpoints accepted, in the order they were accepted: what AWS would have
 * delivered. One entry per delivery — an e-mail to three addresses is one entry with three {@code to}s, an SNS
 * topic publish is one entry per matching subscription — so a test can count what a person would receive.
 * In memory only; thread-safe.
 */
public final class Outbox {

    public enum Channel {
        EMAIL, SMS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Channel> parse(String text) {
            for (Channel channel : values()) {
                if (channel.wire().equalsIgnoreCase(text)) {
                    return Optional.of(channel);
                }
            }
            return Optional.empty();
        }
    }

    /** An attachment as a mail client lists it: name, type and size; the bytes are not kept. */
    public record Attachment(String filename, String contentType, long bytes) {
    }

    /**
     * One accepted message. E-mails have {@code subject}, {@code text} and/or {@code html}, and attachments;
     * SMS have {@code text}, the {@code smsType} ({@code Transactional}/{@code Promotional}) and the number of
     * {@code segments} the carrier would bill. {@code topicArn} names the topic for a delivery through a
     * subscription; {@code attributes} are the SNS message attributes (string values).
     */
    public record Message(String id, String messageId, Channel channel, long acceptedAt, String from, List<String> to,
                          List<String> cc, List<String> bcc, String subject, String text, String html,
                          List<Attachment> attachments, String smsType, Integer segments, String topicArn,
                          Map<String, String> attributes) {

        public Message {
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            bcc = List.copyOf(bcc);
            attachments = List.copyOf(attachments);
            attributes = Map.copyOf(attributes);
        }

        /** Every address or number the message went to (to, cc and bcc). */
        public List<String> recipients() {
            List<String> all = new ArrayList<>(to);
            all.addAll(cc);
            all.addAll(bcc);
            return all;
        }

        /** The JSON shape of {@code GET /local/outbox} (nulls left out). */
        public Map<String, Object> toData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("message_id", messageId);
            data.put("channel", channel.wire());
            data.put("accepted_at", acceptedAt);
            put(data, "from", from);
            data.put("to", to);
            if (!cc.isEmpty()) {
                data.put("cc", cc);
            }
            if (!bcc.isEmpty()) {
                data.put("bcc", bcc);
            }
            put(data, "subject", subject);
            put(data, "text", text);
            put(data, "html", html);
            if (!attachments.isEmpty()) {
                data.put("attachments", attachments.stream().map(a -> Map.of("filename", a.filename(),
                        "content_type", a.contentType(), "bytes", a.bytes())).toList());
            }
            put(data, "sms_type", smsType);
            put(data, "segments", segments);
            put(data, "topic_arn", topicArn);
            if (!attributes.isEmpty()) {
                data.put("attributes", attributes);
            }
            return data;
        }

        private static void put(Map<String, Object> data, String name, Object value) {
            if (value != null) {
                data.put(name, value);
            }
        }
    }

    /** Which messages to list: each part optional; {@code to} matches any recipient, case-insensitively. */
    public record Filter(Optional<Channel> channel, Optional<String> to, Optional<Long> since) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());

        boolean matches(Message message) {
            return channel.map(c -> c == message.channel()).orElse(true)
                    && to.map(t -> message.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(t))).orElse(true)
                    && since.map(s -> message.acceptedAt() >= s).orElse(true);
        }
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    void add(Message message) {
        messages.add(message);
    }

    /** Accepted messages matching the filter, oldest first. */
    public List<Message> list(Filter filter) {
        return messages.stream().filter(filter::matches).toList();
    }

    public Optional<Message> find(String id) {
        return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public int size() {
        return messages.size();
    }
}
