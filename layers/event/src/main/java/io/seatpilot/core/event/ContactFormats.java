package io.seatpilot.core.event;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a guest's contact details must look like before anything is sent to them (SPEC §16). Phones are checked
 * against the numbering plans (libphonenumber), not just a digit pattern: a number that cannot exist would only
 * fail later, at the SMS provider, once per send.
 */
public final class ContactFormats {

    /** The languages SeatPilot writes pages and messages in. */
    public static final Set<String> LANGUAGES = Set.of("es", "en");
    public static final int MAX_COMPANIONS = 10;
    public static final int MAX_EMAIL_LENGTH = 254;

    // The practical subset every mail provider delivers to: one @, a dotted domain of letters, digits and
    // hyphens, a local part of the unquoted RFC 5322 characters. Quoted local parts are refused on purpose.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    /** How people write an international number: a plus, then digits and the usual separators. */
    private static final Pattern WRITTEN_PHONE = Pattern.compile("\\+[0-9][0-9 ().-]{3,30}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactFormats() {
    }

    public static Optional<String> email(String text) {
        String value = text.strip();
        return value.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** The number in E.164 form when it is a valid number of its country; it must be written with its +country code. */
    public static Optional<String> phone(String text) {
        String value = text.strip();
        if (!WRITTEN_PHONE.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            var number = PHONES.parse(value, null);
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A BCP 47 tag whose language SeatPilot writes (es, en, es-MX, en-GB…), in its canonical form. */
    public static Optional<String> locale(String text) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text.strip()).build();
            return LANGUAGES.contains(locale.getLanguage()) ? Optional.of(locale.toLanguageTag()) : Optional.empty();
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}
