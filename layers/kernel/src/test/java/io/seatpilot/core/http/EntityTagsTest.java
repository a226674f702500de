package io.seatpilot.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void ifNoneMatchComparesWeaklyAndTakesLists() {
        assertTrue(EntityTags.matches("\"abc\"", "\"abc\""));
        assertTrue(EntityTags.matches("W/\"abc\"", "\"abc\""));
        assertTrue(EntityTags.matches("\"x\", \"abc\"", "\"abc\""));
        assertTrue(EntityTags.matches("*", "\"abc\""));
        assertFalse(EntityTags.matches("\"abd\"", "\"abc\""));
        assertFalse(EntityTags.matches("abc", "\"abc\""), "an unquoted tag is not the tag");
    }

    @Test
    void gzipOnlyWhenAcceptedAndRoundTrips() throws Exception {
        assertTrue(EntityTags.acceptsGzip("gzip, deflate, br"));
        assertTrue(EntityTags.acceptsGzip("br;q=1.0, gzip;q=0.8"));
        assertFalse(EntityTags.acceptsGzip("gzip;q=0"));
        assertFalse(EntityTags.acceptsGzip("identity"));
        byte[] json = "{\"guests\":[]}".repeat(100).getBytes(StandardCharsets.UTF_8);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(EntityTags.gzip(json)))) {
            assertArrayEquals(json, in.readAllBytes());
        }
    }
}
