package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A kiosk chooses its {@code quality.*} and {@code nps.*} names freely, so they must not each cost memory. */
class EventSchemasTest {

    @Test
    void everyNameOfAWildcardFamilySharesTheFamilysOneSchema() {
        EventSchemas schemas = new EventSchemas();
        var nps = schemas.payload("nps.submitted").orElseThrow();
        var quality = schemas.payload("quality.frame_drop").orElseThrow();
        assertNotSame(nps, quality);
        for (int i = 0; i < 10_000; i++) {
            assertSame(nps, schemas.payload("nps.question_" + letters(i)).orElseThrow());
            assertSame(quality, schemas.payload("quality.metric_" + letters(i)).orElseThrow());
            assertTrue(schemas.payload("nosuch.event_" + letters(i)).isEmpty());
        }
    }

    /** {@code i} in letters only, so the names stay valid whatever digits the name rules allow. */
    private static String letters(int i) {
        StringBuilder name = new StringBuilder();
        do {
            name.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return name.toString();
    }

    @Test
    void theCatalogueDecidesWhichNamesAreKnown() {
        EventSchemas schemas = new EventSchemas();
        assertTrue(schemas.payload("quality.ui.a11y.fail").isPresent(), "a name of TELEMETRY-CATALOGUE.md");
        assertTrue(schemas.payload("checkin.success").isPresent());
        assertTrue(schemas.payload("checkin.no_such_step").isEmpty());
        assertTrue(schemas.payload("nps.").isEmpty());
        assertTrue(schemas.payload("nps.a.b.c.d.e").isEmpty(), "at most four name segments after the family");
        assertEquals(schemas.payload("nps.x"), schemas.payload("nps.y"));
    }
}
