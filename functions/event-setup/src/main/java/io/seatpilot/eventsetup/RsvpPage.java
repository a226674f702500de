package io.seatpilot.eventsetup;

import io.seatpilot.core.http.Html;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.rsvp.Rsvps;
import java.text.MessageFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The RSVP page (SPEC §16) as one script-free HTML form: it posts to {@code /v1/rsvp/{token}} as a plain form and
 * comes back here, so it works on any phone, with any browser, without JavaScript. Field names carry guest and stop
 * ids joined by {@code |}, a character ids cannot hold. Styles in one block admitted by its hash.
 */
final class RsvpPage {

    static final String ANSWER_FIELD = "r";
    static final String DIETARY_FIELD = "d";
    static final String SEPARATOR = "|";

    private static final String STYLE = """
            :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            body{margin:0;background:#f6f3ee;color:#111;font-size:1.2rem;line-height:1.45}
            main{max-width:32rem;margin:0 auto;padding:1rem}
            h1{font-size:1.6rem;margin:.3rem 0}h2{font-size:1.3rem;margin:.2rem 0 .6rem}
            .card{background:#fff;border-radius:1rem;padding:1rem 1.2rem;margin:.8rem 0;box-shadow:0 1px 3px #0002}
            fieldset{border:1px solid #bbb;border-radius:.6rem;margin:.6rem 0;padding:.6rem .8rem}
            legend{font-weight:600}label{display:block;padding:.35rem 0;min-height:2.75rem}
            input[type=radio]{width:1.4rem;height:1.4rem;vertical-align:middle;margin-right:.5rem}
            select,input[type=number]{font-size:1.2rem;padding:.4rem;min-height:2.75rem;width:100%;box-sizing:border-box}
            button{font-size:1.25rem;padding:.8rem 1.2rem;border:0;border-radius:.6rem;background:#1d4ed8;color:#fff;width:100%}
            .note{padding:.8rem 1rem;border-radius:.6rem;background:#e7f6ec;border:2px solid #1b7f3b}
            .warn{background:#fdecea;border-color:#b3261e}.muted{color:#444;font-size:1rem}
            nav{display:flex;gap:1rem;justify-content:flex-end;font-size:1rem}a{color:#0645ad}
            """;

    private RsvpPage() {
    }

    record Rendered(String html, String contentSecurityPolicy) {
    }

    static ResourceBundle messages(String language) {
        return ResourceBundle.getBundle("io.seatpilot.eventsetup.RsvpPage", Locale.forLanguageTag(language));
    }

    static Rendered render(Rsvps.View view, String language, String token, String flash) {
        ResourceBundle text = messages(language);
        var event = view.party().definition();
        StringBuilder body = new StringBuilder(8_192).append(languageLinks(language));
        body.append("<header class=\"card\"><h1>").append(Html.escape(text.getString("title"))).append("</h1><p>")
                .append(Html.escape(format(text, "greeting", event.name()))).append("</p>");
        if (event.rsvpDeadline() != null) {
            String deadline = date(event.rsvpDeadline(), event.timezone(), language);
            body.append("<p class=\"muted\">").append(Html.escape(format(text, view.open() ? "deadline" : "closed", deadline)))
                    .append("</p>");
        }
        body.append("</header>");
        if (flash != null) {
            boolean saved = flash.equals("saved");
            body.append("<p class=\"note").append(saved ? "" : " warn").append("\" role=\"status\">")
                    .append(Html.escape(text.getString(saved ? "saved" : "failed"))).append("</p>");
        }
        String disabled = view.open() ? "" : " disabled";
        body.append("<form method=\"post\" action=\"/v1/rsvp/").append(Html.escape(token)).append("?lang=").append(language)
                .append("\">");
        for (Rsvps.GuestAnswers guest : view.guests()) {
            body.append("<section class=\"card\"><h2>").append(Html.escape(guest.firstName())).append("</h2>");
            for (Rsvps.StopAnswer stop : guest.stops()) {
                String name = ANSWER_FIELD + SEPARATOR + guest.guestId() + SEPARATOR + stop.stopId();
                body.append("<fieldset").append(disabled).append("><legend>").append(Html.escape(stop.name()));
                if (stop.startsAt() != null) {
                    body.append(" · ").append(Html.escape(date(stop.startsAt(), event.timezone(), language)));
                }
                body.append("</legend>");
                for (String status : new String[] {"yes", "no"}) {
                    body.append("<label><input type=\"radio\" name=\"").append(Html.escape(name)).append("\" value=\"")
                            .append(status).append('"').append(status.equals(stop.status()) ? " checked" : "").append(">")
                            .append(Html.escape(text.getString(status))).append("</label>");
                }
                body.append("</fieldset>");
            }
            String dietaryId = "d-" + Integer.toHexString(guest.guestId().hashCode());
            body.append("<label for=\"").append(dietaryId).append("\">").append(Html.escape(text.getString("dietary")))
                    .append("</label><select id=\"").append(dietaryId).append("\" name=\"")
                    .append(Html.escape(DIETARY_FIELD + SEPARATOR + guest.guestId())).append('"').append(disabled).append(">");
            for (String choice : Rsvps.DIETARY_CHOICES) {
                body.append("<option value=\"").append(choice).append('"')
                        .append(choice.equals(guest.dietary() == null ? "none" : guest.dietary()) ? " selected" : "").append(">")
                        .append(Html.escape(text.getString("dietary." + choice))).append("</option>");
            }
            body.append("</select></section>");
        }
        if (view.maxCompanions() > 0) {
            body.append("<section class=\"card\"><label for=\"companions\">")
                    .append(Html.escape(format(text, "companions", view.maxCompanions()))).append("</label>")
                    .append("<input id=\"companions\" name=\"companions\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"")
                    .append(view.maxCompanions()).append("\" value=\"").append(view.companions()).append('"').append(disabled)
                    .append("></section>");
        }
        if (view.open()) {
            body.append("<button type=\"submit\">").append(Html.escape(text.getString("send"))).append("</button>");
        }
        body.append("</form>");
        return page(language, text.getString("title") + " · " + event.name(), body.toString());
    }

    static Rendered unknown(String language) {
        ResourceBundle text = messages(language);
        return page(language, text.getString("unknown.title"), languageLinks(language) + "<section class=\"card\"><h1>"
                + Html.escape(text.getString("unknown.title")) + "</h1><p>" + Html.escape(text.getString("unknown.body"))
                + "</p></section>");
    }

    private static String languageLinks(String current) {
        StringBuilder nav = new StringBuilder("<nav>");
        for (String language : Languages.SUPPORTED) {
            String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.forLanguageTag(language));
            if (language.equals(current)) {
                nav.append("<strong lang=\"").append(language).append("\">").append(Html.escape(name)).append("</strong>");
            } else {
                nav.append("<a lang=\"").append(language).append("\" href=\"?lang=").append(language).append("\">")
                        .append(Html.escape(name)).append("</a>");
            }
        }
        return nav.append("</nav>").toString();
    }

    private static String format(ResourceBundle text, String key, Object argument) {
        return new MessageFormat(text.getString(key), text.getLocale()).format(new Object[] {argument});
    }

    private static String date(long at, String timezone, String language) {
        ZoneId zone;
        try {
            zone = timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
        } catch (DateTimeException unknown) {
            zone = ZoneOffset.UTC;
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(language)).format(Instant.ofEpochMilli(at).atZone(zone));
    }

    private static Rendered page(String language, String title, String body) {
        String html = "<!doctype html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex,nofollow\"><title>" + Html.escape(title) + "</title><style>" + STYLE
                + "</style></head><body><main>" + body + "</main></body></html>";
        String csp = "default-src 'none'; style-src " + Html.cspHash(STYLE) + "; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
        return new Rendered(html, csp);
    }

}
