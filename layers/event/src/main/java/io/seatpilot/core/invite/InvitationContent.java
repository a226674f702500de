package io.seatpilot.core.invite;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.PassCalendar;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.http.Html;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a guest receives (SPEC §16), in their language ({@code locale}, else the event's default): an e-mail with a
 * text and an HTML part, the link to their pass page (which is also their RSVP link), the pass's QR as a PNG shown
 * inline, the short code, and the event as an {@code .ics}; or one SMS with the link.
 */
public final class InvitationContent {

    /** The inline QR's Content-ID, referred to by the HTML as {@code cid:}. */
    public static final String QR_CONTENT_ID = "pass-qr";

    private InvitationContent() {
    }

    public record Attachment(String fileName, String contentType, byte[] bytes, String contentId) {
    }

    public record Email(String subject, String text, String html, List<Attachment> attachments) {
    }

    /** Where the links point: the public base URL of the HTTP API ({@code https://…}, no trailing slash). */
    public static String passUrl(String baseUrl, String token) {
        return baseUrl + "/p/" + token;
    }

    public static String rsvpUrl(String baseUrl, String token) {
        return baseUrl + "/r/" + token;
    }

    public static String language(Guest guest, EventDefinition event) {
        return Languages.supported(guest.invitation().locale())
                .or(() -> Languages.supported(event.defaultLocale())).orElse(Languages.FALLBACK);
    }

    public static Email email(InvitationTemplate template, EventDefinition event, Guest guest, String baseUrl, String token,
                              Optional<String> code, long now) {
        Messages m = Messages.of(language(guest, event));
        String name = event.name();
        String when = firstStop(event).map(s -> " · " + date(s.startsAt(), event, m)).orElse("");
        String passUrl = passUrl(baseUrl, token);
        String rsvpUrl = rsvpUrl(baseUrl, token);
        String key = "invite." + template.wire();
        String subject = m.text(key + ".subject", name);
        String greeting = m.text("invite.greeting", guest.firstName());
        String lead = m.text(key + ".text", name + when);
        StringBuilder text = new StringBuilder().append(greeting).append("\n\n").append(lead).append("\n\n");
        if (template != InvitationTemplate.PASS) {
            text.append(m.text("invite.rsvp")).append(": ").append(rsvpUrl).append('\n');
        }
        text.append(m.text("invite.pass")).append(": ").append(passUrl).append('\n');
        code.ifPresent(c -> text.append(m.text("invite.code", c)).append('\n'));
        StringBuilder html = new StringBuilder(2_048)
                .append("<!doctype html><html lang=\"").append(m.language()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\"><title>").append(Html.escape(subject))
                .append("</title></head><body style=\"font-family:system-ui,sans-serif;font-size:18px;line-height:1.4;"
                        + "color:#111;max-width:32rem;margin:0 auto;padding:1rem\">")
                .append("<p>").append(Html.escape(greeting)).append("</p><h1 style=\"font-size:1.5rem\">")
                .append(Html.escape(name)).append("</h1><p>").append(Html.escape(lead)).append("</p>");
        if (template != InvitationTemplate.PASS) {
            html.append(button(rsvpUrl, m.text("invite.rsvp")));
        }
        html.append(button(passUrl, m.text("invite.pass")))
                .append("<p><img src=\"cid:").append(QR_CONTENT_ID).append("\" alt=\"")
                .append(Html.escape(m.text("invite.qr_alt"))).append("\" width=\"240\" height=\"240\"></p>");
        code.ifPresent(c -> html.append("<p style=\"font-family:monospace;font-size:1.4rem\">")
                .append(Html.escape(m.text("invite.code", c))).append("</p>"));
        html.append("</body></html>");
        List<Attachment> attachments = new ArrayList<>();
        attachments.add(new Attachment("pass-qr.png", "image/png", QrPng.of(passUrl), QR_CONTENT_ID));
        firstStop(event).ifPresent(stop -> attachments.add(new Attachment("event.ics", "text/calendar",
                PassCalendar.event(PassTokens.hash("ics|" + token) + "@seatpilot", now, stop.startsAt(), name,
                        Optional.ofNullable(stop.venue()).orElse(event.venue()), lead, passUrl)
                        .getBytes(StandardCharsets.UTF_8), null)));
        return new Email(subject, text.toString(), html.toString(), attachments);
    }

    /** One SMS (see {@link SmsLength#compose}): the template's sentence and the link. */
    public static String sms(InvitationTemplate template, EventDefinition event, Guest guest, String baseUrl, String token) {
        Messages m = Messages.of(language(guest, event));
        String url = template == InvitationTemplate.INVITATION ? rsvpUrl(baseUrl, token) : passUrl(baseUrl, token);
        return SmsLength.compose(m.text("invite." + template.wire() + ".sms", event.name()) + " ", url);
    }

    /** The first stop with a time: what reminders count back from and the calendar entry holds. */
    public static Optional<EventDefinition.Stop> firstStop(EventDefinition event) {
        return event.effectiveStops().stream().filter(s -> s.startsAt() != null)
                .min(java.util.Comparator.comparingLong(EventDefinition.Stop::startsAt));
    }

    private static String date(long at, EventDefinition event, Messages m) {
        ZoneId zone = event.timezone() == null ? java.time.ZoneOffset.UTC : ZoneId.of(event.timezone());
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(m.language())).withZone(zone).format(Instant.ofEpochMilli(at));
    }

    private static String button(String url, String label) {
        return "<p><a href=\"" + Html.escape(url) + "\" style=\"display:inline-block;background:#0b5;color:#fff;"
                + "padding:.6rem 1rem;border-radius:.5rem;text-decoration:none;font-weight:600\">" + Html.escape(label) + "</a></p>";
    }
}
