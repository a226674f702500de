package io.seatpilot.core.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * What people read, in their language: the {@code messages} bundles beside this class (UTF-8 .properties, one per
 * supported language). Texts are whole sentences with placeholders, never assembled from pieces in code.
 */
public final class Messages {

    private static final String BUNDLE = "io.seatpilot.core.i18n.messages";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(String language) {
        this.locale = Locale.forLanguageTag(language);
        // no fallback to the JVM's default locale: a Lambda's default is en_US, a developer's may be anything
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
    }

    private static final Messages ES = new Messages("es");
    private static final Messages EN = new Messages("en");

    /** The messages of a supported language ({@link Languages#SUPPORTED}); anything else reads English. */
    public static Messages of(String language) {
        return "es".equals(language) ? ES : EN;
    }

    public String language() {
        return locale.getLanguage();
    }

    public String text(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    public Set<String> keys() {
        return bundle.keySet();
    }
}
