package io.seatpilot.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.RepoFiles;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Every pattern of {@code schemas/} that {@link CharRunPattern} takes over accepts exactly what the regular
 * expression accepts with {@code find()}, and every pattern of the code it checks ({@link #IN_CODE}) exactly what
 * the regex accepts with {@code matches()}: on strings built to match (of random lengths, up to the longest the
 * bound allows) and on those strings mutated — a character replaced, inserted or removed, a line break or a
 * non-ASCII character added.
 */
class CharRunPatternTest {

    private static final List<String> PATTERNS = schemaPatterns();
    /**
     * The patterns the code checks with {@link CharRunPattern#whole} (signature headers, tenant and key ids), and
     * variable runs before other runs, which only the greedy matching of a run could get wrong.
     */
    private static final List<String> IN_CODE = List.of("[0-9]{1,15}", "[A-Za-z0-9_-]{16,64}", "[0-9a-f]{64}",
            "[A-Za-z0-9_-]{1,64}", "[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{16,64}", "[a-z]{0,3}[0-9]{0,2}-[a-z]{2,4}",
            "[a-f]{1,2}[0-9]{1,3}[g-z]{0,5}");
    /** Class characters, their neighbours and the characters a regex treats specially at the end of input. */
    private static final String ODD = "09afAFgGzZ_-.:/@` \n\r\u0085\u2028éİK\u0000";

    @Test
    void takesOverTheIdentifierPatterns() {
        List<String> taken = PATTERNS.stream().filter(p -> CharRunPattern.of(p).isPresent()).toList();
        assertTrue(taken.contains("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$(?![\\s\\S])"));
        assertTrue(taken.contains("^[A-Za-z0-9_-]{1,64}$(?![\\s\\S])"));
        assertTrue(taken.contains("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$(?![\\s\\S])"));
        assertTrue(CharRunPattern.of("^(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})$(?![\\s\\S])").isEmpty());
        assertTrue(CharRunPattern.of("^[a-z]{1,3}[a-z0-9]{2}$(?![\\s\\S])").isEmpty()); // backtracking could matter
        assertTrue(CharRunPattern.of("^[a-z]{3}$").isEmpty()); // $ alone also matches before a final line break
        // a variable run, then runs that may be empty, then one sharing its characters: a regex could backtrack
        assertThrows(IllegalArgumentException.class, () -> CharRunPattern.whole("[a-z]{0,3}[0-9]{0,2}[a-z]"));
        assertThrows(IllegalArgumentException.class, () -> CharRunPattern.whole("[a-z]+"));
    }

    @Property(tries = 500)
    void wholeAcceptsExactlyWhatMatchesAccepts(@ForAll long seed) {
        Random random = new Random(seed);
        for (String regex : IN_CODE) {
            CharRunPattern fast = CharRunPattern.whole(regex);
            Pattern slow = Pattern.compile(regex);
            String text = mutate(random, matching(random, Pattern.compile("^(?:" + regex + ")$(?![\\s\\S])")));
            assertEquals(slow.matcher(text).matches(), fast.test(text), () -> regex + " on \"" + text + "\"");
        }
    }

    @Property(tries = 500)
    void acceptsExactlyWhatTheRegexAccepts(@ForAll long seed) {
        Random random = new Random(seed);
        for (String regex : PATTERNS) {
            CharRunPattern.of(regex).ifPresent(fast -> {
                Pattern slow = Pattern.compile(regex);
                String text = mutate(random, matching(random, slow));
                assertEquals(slow.matcher(text).find(), fast.test(text), () -> regex + " on \"" + text + "\"");
            });
        }
    }

    /**
     * A string the regex accepts, of a random length where it can: grown one printable ASCII character at a time,
     * each one the regex still accepts as a prefix ({@code hitEnd}), so no part of the code under test builds it.
     */
    private static String matching(Random random, Pattern regex) {
        int wanted = random.nextInt(140);
        StringBuilder text = new StringBuilder();
        while (true) {
            if (text.length() >= wanted && regex.matcher(text).find()) {
                return text.toString();
            }
            if (!extend(random, regex, text)) {
                return text.toString();
            }
        }
    }

    private static boolean extend(Random random, Pattern regex, StringBuilder text) {
        int start = random.nextInt(95);
        for (int i = 0; i < 95; i++) {
            text.append((char) (' ' + (start + i) % 95));
            Matcher matcher = regex.matcher(text);
            if (matcher.find() || matcher.hitEnd()) {
                return true;
            }
            text.setLength(text.length() - 1);
        }
        return false;
    }

    private static String mutate(Random random, String text) {
        char odd = ODD.charAt(random.nextInt(ODD.length()));
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> text;
            case 1 -> text.isEmpty() ? text : text.substring(0, at) + odd + text.substring(at + 1);
            case 2 -> text.substring(0, at) + odd + text.substring(at);
            case 3 -> text.isEmpty() ? text : text.substring(0, at) + text.substring(at + 1);
            case 4 -> text + "\n";
            default -> text + odd;
        };
    }

    private static List<String> schemaPatterns() {
        TreeSet<String> patterns = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RepoFiles.root().resolve("schemas"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Json.read(Files.readString(file)).findValues("pattern").forEach(p -> {
                    if (p.isTextual()) {
                        patterns.add(p.textValue());
                    }
                });
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.copyOf(patterns);
    }
}
