package io.seatpilot.core.event;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Name lookup keys. A name is folded (accents removed, lower case, punctuation to spaces) and indexed once per
 * word it may start with — each rotation of its words — so a DynamoDB {@code begins_with} query on one partition
 * finds "José Núñez" from "jose nu", "nunez" or "nu jo" without scanning.
 */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** More words than this would multiply index items for no practical gain at a door. */
    private static final int MAX_WORDS = 6;
    /**
     * An index entry's sort key is {@code <key>#<guest id>}: this is what DynamoDB's 1 024-byte sort key leaves for
     * the key beside the longest guest id. Folding can make a name many times longer (U+3316 becomes six letters),
     * so the bound is on the folded bytes, not on the characters typed.
     */
    public static final int MAX_KEY_BYTES = 1024 - 1 - 128;

    private Names() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String stripped = MARKS.matcher(decomposed).replaceAll("")
                .replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
                .replace("æ", "ae").replace("Æ", "ae").replace("œ", "oe").replace("Œ", "oe");
        return NOT_WORD.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /** How much of each name word the door list keeps: enough to narrow a search, never a whole last name. */
    public static final int DOOR_KEY_LENGTH = 3;

    /**
     * The door list's name keys (SPEC §15): each folded word of the name cut to {@link #DOOR_KEY_LENGTH}
     * characters. An offline kiosk matches a guest when every typed word, folded and cut the same way, begins one of
     * them; the first name and last initial shown beside each hit let staff pick the right guest.
     */
    public static List<String> doorKeys(String firstName, String lastName) {
        Set<String> keys = new LinkedHashSet<>();
        for (String word : fold(firstName + " " + lastName).split(" ")) {
            if (!word.isEmpty()) {
                keys.add(word.substring(0, word.offsetByCodePoints(0, Math.min(DOOR_KEY_LENGTH, word.codePointCount(0, word.length())))));
            }
        }
        return List.copyOf(keys);
    }

    /** Whether a name's index keys fit their sort key (every rotation has the same length). */
    public static boolean fitsIndex(String firstName, String lastName) {
        return indexKeys(firstName, lastName).stream().findFirst().map(Names::fitsKey).orElse(true);
    }

    /** Whether a folded text fits as an index key, or as the prefix a search compares with one. */
    public static boolean fitsKey(String folded) {
        return folded.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    /** The index keys of a guest's name: every rotation of its folded words. */
    public static Set<String> indexKeys(String firstName, String lastName) {
        List<String> words = new ArrayList<>(Arrays.asList(fold(firstName + " " + lastName).split(" ")));
        words.removeIf(String::isEmpty);
        if (words.size() > MAX_WORDS) {
            words = words.subList(0, MAX_WORDS);
        }
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            List<String> rotation = new ArrayList<>(words.subList(i, words.size()));
            rotation.addAll(words.subList(0, i));
            keys.add(String.join(" ", rotation));
        }
        return keys;
    }
}
