package io.seatpilot.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.checkin.DoorCard;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void everyLanguageHasEveryText() {
        Set<String> english = Messages.of("en").keys();
        assertEquals(english, Messages.of("es").keys());
        assertTrue(english.stream().anyMatch(key -> key.startsWith("direction.")));
    }

    /** A door direction or an alert is read at a glance: at most seven words, each placeholder (a zone letter, a table label) one word. */
    @Test
    void everyDirectionAndAlertIsAtMostSevenWordsInEachLanguage() {
        for (String language : Languages.SUPPORTED) {
            Messages messages = Messages.of(language);
            for (String key : messages.keys()) {
                if (key.startsWith("direction.") || key.startsWith("alert.")) {
                    String text = messages.text(key, "B", "B-12");
                    int words = text.trim().split("\\s+").length;
                    assertTrue(words <= DoorCard.MAX_DIRECTION_WORDS, language + " " + key + " has " + words + " words: " + text);
                }
            }
        }
    }

    @Test
    void theLanguageComesFromTheLinkThenTheBrowserThenTheEvent() {
        assertEquals("es", Languages.resolve("es", "en", () -> "en"));
        assertEquals("en", Languages.resolve("fr", "de-DE, en;q=0.7, es;q=0.5", () -> "es"));
        assertEquals("es", Languages.resolve(null, "es-MX,es;q=0.9", () -> null));
        assertEquals("es", Languages.resolve(null, null, () -> "es"));
        assertEquals("en", Languages.resolve(null, "fr, de", () -> null), "English when nothing supported is asked for");
        assertEquals("es", Languages.resolve(null, "en;q=0, es", () -> null), "q=0 means not acceptable");
        assertEquals(Optional.empty(), Languages.accepted(";;;q=x"), "a malformed header counts as absent");
    }
}
