package io.seatpilot.local.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox for people and tools, served by the local stack under {@code /local/outbox}:
 * <ul>
 * <li>{@code GET /local/outbox?channel=email|sms&to=<address or number>&since=<epoch ms>} — JSON
 *     {@code {"messages":[…]}}, oldest first ({@link Outbox.Message#toData()});</li>
 * <li>{@code GET /local/outbox/} — the list as a page, newest first;</li>
 * <li>{@code GET /local/outbox/<id>} — one message as a person would see it: headers, the HTML body in a
 *     sandboxed iframe (no scripts, no network), the text part, the attachments listed; an SMS as a phone shows it;</li>
 * <li>{@code GET /local/outbox/<id>/html} — the HTML body alone, under a CSP that forbids scripts and loads.</li>
 * </ul>
 */
public final class OutboxPages {

    public static final String PATH = "/local/outbox";

    /** An HTTP answer, for the stack's gateway to send. */
    public record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
        static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The e-mail's own HTML: no scripts, no forms, nothing fetched but inline images. */
    private static final String BODY_POLICY = "sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

    private final Outbox outbox;

    public OutboxPages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Answers a GET of {@code path} (raw, under {@link #PATH}) with its decoded query parameters. */
    public Answer get(String path, Map<String, String> query) {
        if (path.equals(PATH)) {
            return list(query);
        }
        if (path.equals(PATH + "/")) {
            return Answer.of(200, "text/html; charset=utf-8", index());
        }
        String rest = path.substring(PATH.length() + 1);
        boolean bodyOnly = rest.endsWith("/html");
        String id = bodyOnly ? rest.substring(0, rest.length() - "/html".length()) : rest;
        Optional<Outbox.Message> message = outbox.find(id);
        if (message.isEmpty()) {
            return Answer.of(404, "text/plain; charset=utf-8", "No such message in the outbox");
        }
        if (bodyOnly) {
            String html = message.get().html();
            return html == null ? Answer.of(404, "text/plain; charset=utf-8", "This message has no HTML part")
                    : new Answer(200, "text/html; charset=utf-8", Map.of("content-security-policy", BODY_POLICY,
                    "x-content-type-options", "nosniff"), html.getBytes(StandardCharsets.UTF_8));
        }
        return Answer.of(200, "text/html; charset=utf-8", page(message.get()));
    }

    private Answer list(Map<String, String> query) {
        Optional<Outbox.Channel> channel = Optional.empty();
        if (query.containsKey("channel")) {
            channel = Outbox.Channel.parse(query.get("channel"));
            if (channel.isEmpty()) {
                return Answer.of(400, "text/plain; charset=utf-8", "channel must be email or sms");
            }
        }
        Optional<Long> since = Optional.empty();
        if (query.containsKey("since")) {
            try {
                since = Optional.of(Long.parseLong(query.get("since")));
            } catch (NumberFormatException e) {
                return Answer.of(400, "text/plain; charset=utf-8", "since must be epoch milliseconds");
            }
        }
        var filter = new Outbox.Filter(channel, Optional.ofNullable(query.get("to")), since);
        try {
            return new Answer(200, "application/json", Map.of(), JSON.writeValueAsBytes(Map.of("messages",
                    outbox.list(filter).stream().map(Outbox.Message::toData).toList())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String index() {
        StringBuilder rows = new StringBuilder();
        List<Outbox.Message> messages = outbox.list(Outbox.Filter.ALL);
        for (int i = messages.size() - 1; i >= 0; i--) {
            Outbox.Message m = messages.get(i);
            String summary = m.channel() == Outbox.Channel.EMAIL ? m.subject() : m.text();
            rows.append("<tr><td>").append(m.channel() == Outbox.Channel.EMAIL ? "✉ e-mail" : "📱 SMS")
                    .append("</td><td>").append(html(Instant.ofEpochMilli(m.acceptedAt()).toString()))
                    .append("</td><td>").append(html(String.join(", ", m.recipients())))
                    .append("</td><td><a href=\"").append(PATH).append('/').append(m.id()).append("\">")
                    .append(html(summary == null || summary.isBlank() ? "(no subject)" : abbreviate(summary)))
                    .append("</a></td></tr>");
        }
        return shell("Outbox", "<h1>Outbox</h1><p>" + messages.size() + " message(s) the local SES and SNS accepted. "
                + "Nothing leaves this machine. JSON: <a href=\"" + PATH + "\">" + PATH + "</a></p>"
                + (messages.isEmpty() ? "<p>Nothing sent yet.</p>"
                : "<table><thead><tr><th>channel</th><th>accepted (UTC)</th><th>to</th><th>subject / text</th></tr></thead><tbody>"
                + rows + "</tbody></table>"));
    }

    private String page(Outbox.Message m) {
        StringBuilder body = new StringBuilder("<p><a href=\"" + PATH + "/\">← outbox</a></p>");
        if (m.channel() == Outbox.Channel.SMS) {
            body.append("<h1>SMS to ").append(html(String.join(", ", m.to()))).append("</h1>")
                    .append("<div class=\"phone\"><div class=\"bubble\">").append(html(m.text())).append("</div></div>")
                    .append("<dl>").append(row("From (sender id)", m.from() == null ? "(carrier's number)" : m.from()))
                    .append(row("Type", m.smsType())).append(row("Parts billed", String.valueOf(m.segments())))
                    .append(row("Via topic", m.topicArn())).append(row("Accepted", Instant.ofEpochMilli(m.acceptedAt()).toString()))
                    .append("</dl>");
            return shell("SMS " + m.id(), body.toString());
        }
        body.append("<h1>").append(html(m.subject() == null ? "(no subject)" : m.subject())).append("</h1><dl>")
                .append(row("From", m.from())).append(row("To", String.join(", ", m.to())))
                .append(m.cc().isEmpty() ? "" : row("Cc", String.join(", ", m.cc())))
                .append(m.bcc().isEmpty() ? "" : row("Bcc", String.join(", ", m.bcc())))
                .append(row("Date", Instant.ofEpochMilli(m.acceptedAt()).toString()))
                .append(row("Message id", m.messageId())).append(row("Via topic", m.topicArn())).append("</dl>");
        if (m.html() != null) {
            // no allow-scripts, no allow-same-origin: the mail's HTML can neither run code nor reach this page
            body.append("<h2>HTML</h2><iframe sandbox title=\"HTML body\" src=\"").append(PATH).append('/').append(m.id())
                    .append("/html\"></iframe>");
        }
        if (m.text() != null) {
            body.append("<h2>Text</h2><pre>").append(html(m.text())).append("</pre>");
        }
        if (!m.attachments().isEmpty()) {
            body.append("<h2>Attachments</h2><ul>");
            m.attachments().forEach(a -> body.append("<li>📎 ").append(html(a.filename())).append(" — ")
                    .append(html(a.contentType())).append(", ").append(a.bytes()).append(" bytes</li>"));
            body.append("</ul>");
        }
        return shell(m.subject() == null ? "E-mail" : m.subject(), body.toString());
    }

    private static String row(String name, String value) {
        return value == null ? "" : "<dt>" + html(name) + "</dt><dd>" + html(value) + "</dd>";
    }

    private static String abbreviate(String text) {
        return text.length() <= 90 ? text : text.substring(0, 89) + "…";
    }

    private static String shell(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + html(title) + " — SeatPilot local outbox</title>"
                + "<style>body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;max-width:60rem;color:#1b1b1b}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}"
                + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#555}dd{margin:0}"
                + "iframe{width:100%;height:28rem;border:1px solid #bbb;border-radius:4px}pre{white-space:pre-wrap;background:#f6f6f6;padding:.8rem}"
                + ".phone{max-width:22rem;background:#eef1f5;border-radius:1.2rem;padding:1rem}"
                + ".bubble{background:#fff;border-radius:1rem;padding:.7rem 1rem;white-space:pre-wrap}</style></head><body>"
                + body + "</body></html>";
    }

    static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
