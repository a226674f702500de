package io.seatpilot.core.invite;

/**
 * How long one SMS may be (3GPP TS 23.038): 160 characters when every character is in the GSM 7-bit default
 * alphabet or its extension table (whose characters take two septets), 70 UTF-16 units as soon as one character is
 * not (an accented capital, "ó" in "Invitación"…) forces the whole message into UCS-2. SeatPilot sends each SMS as
 * one part: a guest's phone shows one message, and a carrier bills one.
 */
public final class SmsLength {

    public static final int GSM7_LIMIT = 160;
    public static final int UCS2_LIMIT = 70;

    /** The default alphabet (the 128 positions, ESC excluded). */
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each costs an escape septet plus its own. */
    private static final String GSM7_EXTENDED = "^{}\\[~]|€\f";

    private SmsLength() {
    }

    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7.indexOf(c) >= 0 || GSM7_EXTENDED.indexOf(c) >= 0);
    }

    /** Septets for a GSM-7 text, UTF-16 units for a UCS-2 one: what the limit is counted in. */
    public static int units(String text) {
        if (!isGsm7(text)) {
            return text.length();
        }
        return text.chars().map(c -> GSM7_EXTENDED.indexOf(c) >= 0 ? 2 : 1).sum();
    }

    public static int limit(String text) {
        return isGsm7(text) ? GSM7_LIMIT : UCS2_LIMIT;
    }

    public static boolean fitsOneMessage(String text) {
        return units(text) <= limit(text);
    }

    /**
     * The text in the GSM-7 alphabet where it can be: a character outside it loses its accent ("ó" → "o", "Í" →
     * "I") unless the alphabet has it as is ("é", "ñ"). Used when the accents would otherwise force UCS-2 and
     * leave no room for the link: a 70-character message cannot hold a pass link.
     */
    public static String toGsm7(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (isGsm7(c)) {
                out.append(c);
            } else {
                String bare = java.text.Normalizer.normalize(c, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                out.append(isGsm7(bare) ? bare : "?");
            }
        });
        return out.toString();
    }

    /**
     * One message: {@code text} and {@code tail} as they are when they fit; else in GSM-7 (see {@link #toGsm7}),
     * shortened as {@link #fit} does.
     */
    public static String compose(String text, String tail) {
        String whole = text + tail;
        return fitsOneMessage(whole) ? whole : fit(toGsm7(text), toGsm7(tail));
    }

    /**
     * {@code text} cut to one message, ending in {@code tail} (the link, which must survive whole): the words before
     * it are shortened with an ellipsis until the whole fits. A tail that does not fit alone is a template error.
     */
    public static String fit(String text, String tail) {
        String whole = text + tail;
        if (fitsOneMessage(whole)) {
            return whole;
        }
        String ellipsis = isGsm7(whole) ? "..." : "…";
        for (int end = text.length() - 1; end > 0; end--) {
            if (Character.isLowSurrogate(text.charAt(end))) {
                continue;
            }
            String candidate = text.substring(0, end).stripTrailing() + ellipsis + " " + tail;
            if (fitsOneMessage(candidate)) {
                return candidate;
            }
        }
        if (!fitsOneMessage(tail)) {
            throw new IllegalArgumentException("An SMS link alone is longer than one message");
        }
        return tail;
    }
}
