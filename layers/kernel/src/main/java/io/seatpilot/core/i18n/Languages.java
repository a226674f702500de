package io.seatpilot.core.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The languages people read SeatPilot in (SPEC §15): Spanish and English. A request's language is its
 * {@code ?lang=}, else the best of its {@code Accept-Language}, else the event's {@code default_locale}, else
 * English.
 */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("es", "en");
    public static final String FALLBACK = "en";

    private Languages() {
    }

    /** The supported language a tag names ({@code es-MX} → {@code es}), if any. */
    public static Optional<String> supported(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.contains(language) ? Optional.of(language) : Optional.empty();
    }

    /** The event's default is read only when the request names no supported language. */
    public static String resolve(String queryLang, String acceptLanguage, Supplier<String> eventDefault) {
        return supported(queryLang).or(() -> accepted(acceptLanguage)).or(() -> supported(eventDefault.get())).orElse(FALLBACK);
    }

    /** The supported language the header ranks highest (RFC 9110 §12.5.4 weights); a malformed header counts as absent. */
    static Optional<String> accepted(String header) {
        if (header == null || header.isBlank() || header.length() > 1_000) {
            return Optional.empty();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .filter(range -> range.getWeight() > 0)
                    .map(range -> supported(range.getRange()))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
