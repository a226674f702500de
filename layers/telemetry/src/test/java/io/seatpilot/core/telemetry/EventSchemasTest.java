package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A cold start reads the envelope's schema, the legacy names and the catalogue, and each payload schema on the
     * first envelope that needs it, once; a primer's {@code compileAll} reads the rest (issue 12: reading and
     * compiling all 77 schema files was most of what the schemas cost a function's first answer).
     */
    @Test
    void aPayloadSchemaIsReadOnTheFirstEnvelopeThatNeedsIt() {
        List<String> read = new ArrayList<>();
        EventSchemas schemas = new EventSchemas(file -> {
            read.add(file);
            return EventSchemasTest.class.getClassLoader().getResourceAsStream("schemas/" + file);
        });
        assertEquals(List.of("envelope.schema.json", "legacy-event-names.json", "event-catalog.json"), read);
        var scanStart = schemas.payload("checkin.qr_scan_start").orElseThrow();
        assertEquals(4, read.size());
        assertSame(scanStart, schemas.payload("checkin.qr_scan_start").orElseThrow());
        assertEquals(4, read.size(), "read once");
        schemas.compileAll();
        int all = read.size();
        assertTrue(all > 40, "every file of the catalogue: " + read);
        assertEquals(all, read.stream().distinct().count(), "each file once: " + read);
        schemas.payload("nps.submitted").orElseThrow();
        assertEquals(all, read.size());
    }
}
