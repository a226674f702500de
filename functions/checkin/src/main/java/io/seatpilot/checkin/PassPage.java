package io.seatpilot.checkin;

import io.seatpilot.core.checkin.DoorCard;
import io.seatpilot.core.checkin.DoorLookups;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.ShortCodes;
import io.seatpilot.core.http.Html;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The guest's pass page (SPEC §15) as one self-contained HTML document: no script, no external request, styles in
 * one block allowed by its hash (the Content-Security-Policy forbids everything else). Large type on a narrow
 * column, so it reads on a small phone held at the door; the zone is its letter beside a colour swatch, never the
 * colour alone. Deterministic for a given pass and language (no timestamps, no nonces), so the page is the same
 * whoever asks with the token.
 */
final class PassPage {

    private static final String BASE_STYLE = """
            :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            body{margin:0;background:#f4f4f5;color:#111;font-size:1.25rem;line-height:1.4}
            main{max-width:30rem;margin:0 auto;padding:1rem}
            h1{font-size:1.6rem;margin:.2rem 0}
            .card{background:#fff;border-radius:1rem;padding:1rem 1.2rem;margin:.8rem 0;box-shadow:0 1px 3px #0002}
            .muted{color:#444;font-size:1.05rem}
            .seat{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
            .big{font-size:2.2rem;font-weight:700;line-height:1.1}
            .zone{display:inline-flex;align-items:center;gap:.5rem;font-size:2.2rem;font-weight:700}
            .swatch{display:inline-block;width:2.2rem;height:2.2rem;border-radius:.4rem;border:2px solid #111}
            .qr svg{display:block;width:100%;max-width:20rem;height:auto;margin:0 auto}
            .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:2rem;letter-spacing:.15em;text-align:center}
            dl{margin:0}dt{font-size:1rem;color:#444}dd{margin:0 0 .5rem 0;font-size:1.4rem;font-weight:600}
            a{color:#0645ad}nav{display:flex;gap:1rem;justify-content:flex-end;font-size:1rem}
            ul{padding-left:1.2rem;margin:.2rem 0}
            """;

    private PassPage() {
    }

    /** An HTML page and the CSP that admits exactly its style block. */
    record Rendered(String html, String contentSecurityPolicy) {
    }

    static Rendered render(DoorLookups.GuestPass pass, Messages messages, String pageUrl) {
        EventDefinition event = pass.event();
        Map<String, String> swatches = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder(8_192);
        body.append(languageLinks(messages));
        body.append("<header class=\"card\"><h1>").append(Html.escape(event.name())).append("</h1>");
        when(event, messages).ifPresent(text -> body.append("<p class=\"muted\">").append(Html.escape(text)).append("</p>"));
        if (event.venue() != null) {
            body.append("<p class=\"muted\">").append(Html.escape(event.venue())).append("</p>");
        }
        body.append("</header>");
        for (DoorLookups.Seat seat : pass.seats()) {
            body.append(seatCard(seat, messages, swatches));
        }
        if (!pass.householdFirstNames().isEmpty()) {
            body.append("<section class=\"card\"><h2>").append(Html.escape(messages.text("pass.household"))).append("</h2><ul>");
            pass.householdFirstNames().forEach(name -> body.append("<li>").append(Html.escape(name)).append("</li>"));
            body.append("</ul></section>");
        }
        body.append("<section class=\"card qr\"><h2>").append(Html.escape(messages.text("pass.show_qr"))).append("</h2>")
                .append(QrSvg.of(pageUrl, messages.text("pass.qr_label")));
        pass.code().ifPresent(code -> body.append("<p class=\"muted\">").append(Html.escape(messages.text("pass.short_code")))
                .append("</p><p class=\"code\">").append(Html.escape(ShortCodes.grouped(code))).append("</p>"));
        body.append("</section>");
        if (event.startsAt() != null) {
            body.append("<p><a href=\"").append(Html.escape(pageUrl + "/event.ics?lang=" + messages.language())).append("\">")
                    .append(Html.escape(messages.text("pass.add_calendar"))).append("</a></p>");
        }
        return page(messages, event.name() + " · " + messages.text("pass.title"), body.toString(), swatches);
    }

    /** The friendly page for a token that opens nothing (unknown, re-issued, of a guest who declined). */
    static Rendered unknown(Messages messages) {
        String body = languageLinks(messages) + "<section class=\"card\"><h1>" + Html.escape(messages.text("pass.unknown.title"))
                + "</h1><p>" + Html.escape(messages.text("pass.unknown.text")) + "</p></section>";
        return page(messages, messages.text("pass.unknown.title"), body, Map.of());
    }

    private static String seatCard(DoorLookups.Seat seat, Messages messages, Map<String, String> swatches) {
        var placement = seat.placement();
        StringBuilder card = new StringBuilder("<section class=\"card\"><p class=\"big\">")
                .append(Html.escape(messages.text("pass.greeting", seat.firstName()))).append("</p>");
        card.append("<div class=\"seat\">");
        if (placement.zone() != null) {
            String swatch = "z" + swatches.computeIfAbsent(placement.zone().color(), c -> Integer.toString(swatches.size()));
            card.append("<span class=\"zone\"><span class=\"swatch ").append(swatch).append("\" aria-hidden=\"true\"></span>")
                    .append(Html.escape(messages.text("pass.zone", placement.zone().letter()))).append("</span>");
        }
        card.append("</div><dl>");
        if (placement.table() != null) {
            card.append("<dt>").append(Html.escape(messages.text("pass.table"))).append("</dt><dd>")
                    .append(Html.escape(placement.table().label())).append("</dd>");
        }
        if (placement.seat() != null) {
            card.append("<dt>").append(Html.escape(messages.text("pass.seat"))).append("</dt><dd>")
                    .append(Html.escape(placement.seat())).append("</dd>");
        }
        card.append("</dl><p>").append(Html.escape(DoorCard.direction(messages, placement, seat.stepFree()))).append("</p></section>");
        return card.toString();
    }

    private static String languageLinks(Messages messages) {
        StringBuilder nav = new StringBuilder("<nav aria-label=\"").append(Html.escape(messages.text("pass.language"))).append("\">");
        for (String language : Languages.SUPPORTED) {
            Messages other = Messages.of(language);
            if (language.equals(messages.language())) {
                nav.append("<strong lang=\"").append(language).append("\">").append(Html.escape(other.text("language.name"))).append("</strong>");
            } else {
                nav.append("<a lang=\"").append(language).append("\" hreflang=\"").append(language).append("\" href=\"?lang=")
                        .append(language).append("\">").append(Html.escape(other.text("language.name"))).append("</a>");
            }
        }
        return nav.append("</nav>").toString();
    }

    private static java.util.Optional<String> when(EventDefinition event, Messages messages) {
        if (event.startsAt() == null) {
            return java.util.Optional.empty();
        }
        ZoneId zone;
        try {
            zone = event.timezone() == null ? ZoneOffset.UTC : ZoneId.of(event.timezone());
        } catch (DateTimeException unknownZone) {
            zone = ZoneOffset.UTC;
        }
        Locale locale = Locale.forLanguageTag(messages.language());
        var at = Instant.ofEpochMilli(event.startsAt()).atZone(zone);
        return java.util.Optional.of(messages.text("pass.when",
                DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(at),
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(at)));
    }

    private static Rendered page(Messages messages, String title, String body, Map<String, String> swatches) {
        StringBuilder style = new StringBuilder(BASE_STYLE);
        // zone colours were validated at event set-up (#rrggbb or a colour name: letters, spaces, hyphens)
        swatches.forEach((color, index) -> style.append(".z").append(index).append("{background:").append(color).append("}\n"));
        String html = "<!doctype html><html lang=\"" + messages.language() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex,nofollow\">"
                + "<title>" + Html.escape(title) + "</title><style>" + style + "</style></head><body><main>" + body
                + "</main></body></html>";
        String csp = "default-src 'none'; style-src " + Html.cspHash(style.toString()) + "; img-src 'self' data:; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return new Rendered(html, csp);
    }


    /** Calendar text: what the page says about where to sit, for each seat on the pass. */
    static String calendarDescription(DoorLookups.GuestPass pass, Messages messages, String pageUrl) {
        List<String> lines = pass.seats().stream().map(seat -> messages.text("pass.calendar_seat", seat.firstName(),
                DoorCard.direction(messages, seat.placement(), seat.stepFree()))).toList();
        return String.join("\n", lines) + "\n" + pageUrl;
    }
}
