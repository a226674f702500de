package io.seatpilot.core.event;

import io.seatpilot.core.snapstart.FreshRandom;
import java.util.Optional;

/**
 * Short codes (SPEC §15): 8 Crockford base32 characters (digits and letters without I L O U), 40 random bits,
 * typed at the door when a pass cannot be scanned. Typing is forgiving as Crockford intends: case does not
 * matter, hyphens and spaces are ignored, I and L read as 1, O as 0. A code is never stored or logged in clear
 * (see {@link ShortCodeKeys} for how it is looked up).
 */
public final class ShortCodes {

    public static final int LENGTH = 8;
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Bound on what is typed, before normalising: generous for hyphens and spaces, small enough to never matter. */
    public static final int MAX_TYPED_LENGTH = 32;

    private ShortCodes() {
    }

    /** A fresh code in canonical form (upper case, no separators). */
    public static String issue(FreshRandom random) {
        byte[] bytes = new byte[5];
        random.nextBytes(bytes);
        long bits = 0;
        for (byte b : bytes) {
            bits = bits << 8 | (b & 0xFF);
        }
        char[] code = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            code[i] = ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(code);
    }

    /** The canonical form of a typed code, or empty when it cannot be one (wrong length or characters, U). */
    public static Optional<String> canonical(String typed) {
        if (typed == null || typed.length() > MAX_TYPED_LENGTH) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = Character.toUpperCase(typed.charAt(i));
            if (c == '-' || c == ' ') {
                continue;
            }
            c = switch (c) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> c;
            };
            if (c > 127 || ALPHABET.indexOf(c) < 0 || code.length() == LENGTH) {
                return Optional.empty();
            }
            code.append(c);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** For people: {@code ABCD-EFGH}. The answer carries the canonical form; screens may group it. */
    public static String grouped(String canonical) {
        return canonical.substring(0, 4) + "-" + canonical.substring(4);
    }
}
