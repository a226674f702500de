package io.seatpilot.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveFactsTest {

    private static final String CHECKIN_PK = "T#acme#EVENT#gala-2026#CHECKIN";

    @Test
    void aNewCheckinStateIsACheckinOfOneGuest() {
        var fact = LiveFacts.of(record("INSERT", CHECKIN_PK, "g-1", checkinState(), null)).orElseThrow();
        assertEquals(new LiveFacts.Fact("acme", "gala-2026", "checkin", Map.of("guest_id", "g-1", "checkin_id", "c-1",
                "checked_in_at", 1_000L, "zone", "main", "device", "kiosk-1", "mode", "qr", "guests", 1)), fact);
    }

    @Test
    void aLaterStopsCheckinsAndConflictsArePublishedForTheEventNamingTheStop() {
        var fact = LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#STOP#reception#CHECKIN", "g-1", checkinState(), null))
                .orElseThrow();
        assertEquals(new LiveFacts.Fact("acme", "gala-2026", "checkin", Map.of("guest_id", "g-1", "checkin_id", "c-1",
                "checked_in_at", 1_000L, "zone", "main", "device", "kiosk-1", "mode", "qr", "guests", 1, "stop", "reception")), fact);
        var undo = LiveFacts.of(record("REMOVE", "T#acme#EVENT#gala-2026#STOP#reception#CHECKIN", "g-1", null, checkinState()))
                .orElseThrow();
        assertEquals("reception", undo.data().get("stop"));
        var conflict = LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#STOP#reception#CONFLICT", "c-2", Map.of(
                "guest_id", s("g-1"), "kind", s("duplicate")), null)).orElseThrow();
        assertEquals("gala-2026", conflict.event());
        assertEquals("reception", conflict.data().get("stop"));
        assertTrue(LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#STOP#reception#COUNTERS", "S#1",
                Map.of("checked_in", n(1)), null)).isEmpty());
        assertTrue(LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#OTHER#reception#CHECKIN", "g-1", checkinState(), null))
                .isEmpty(), "only a STOP ledger is a stop's partition");
    }

    @Test
    void aRemovedCheckinStateIsAnUndoOfTheOldOne() {
        var fact = LiveFacts.of(record("REMOVE", CHECKIN_PK, "g-1", null, checkinState())).orElseThrow();
        assertEquals("checkin_undone", fact.type());
        assertEquals("g-1", fact.data().get("guest_id"));
        assertEquals(-1, fact.data().get("guests"));
        assertEquals(true, fact.data().get("undo"));
    }

    @Test
    void aSupersedeIsNotAnotherCheckin() {
        assertTrue(LiveFacts.of(record("MODIFY", CHECKIN_PK, "g-1", checkinState(), checkinState())).isEmpty());
    }

    @Test
    void conflictsAndArrivalsCarryWhatTheFeedShows() {
        var conflict = LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#CONFLICT", "c-2", Map.of(
                "guest_id", s("g-1"), "kind", s("duplicate"), "checked_in_at", n(2_000), "device_id", s("kiosk-2"),
                "mode", s("qr"), "winner_checked_in_at", n(1_000), "winner_device_id", s("kiosk-1")), null)).orElseThrow();
        assertEquals("conflict", conflict.type());
        assertEquals(Map.of("guest_id", "g-1", "reason", "duplicate", "checkin_id", "c-2", "checked_in_at", 2_000L,
                "device", "kiosk-2", "mode", "qr", "first_checked_in_at", 1_000L, "first_device", "kiosk-1"), conflict.data());
        var arrival = LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#ARRIVAL", "g-1", Map.of(
                "table_id", s("t-12"), "arrived_at", n(90_000), "confirm_mode", s("beacon"), "door_to_seat_ms", n(89_000)),
                null)).orElseThrow();
        assertEquals(Map.of("guest_id", "g-1", "table", "t-12", "arrived_at", 90_000L, "confirm_mode", "beacon",
                "door_to_seat_ms", 89_000L), arrival.data());
    }

    @Test
    void otherItemsAndTtlDeletesAreNotOpsLiveFacts() {
        assertTrue(LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#COUNTERS", "S#1", Map.of("checked_in", n(1)), null)).isEmpty());
        assertTrue(LiveFacts.of(record("INSERT", "T#acme#EVENT#gala-2026#LIVE", "SEQ", Map.of("seq", n(1)), null)).isEmpty());
        assertTrue(LiveFacts.of(record("INSERT", "LIVE#CONN#abc", "CONN", Map.of(), null)).isEmpty());
        var expired = record("REMOVE", CHECKIN_PK, "g-1", null, checkinState());
        expired.setUserIdentity(new Identity().withType("Service").withPrincipalId("dynamodb.amazonaws.com"));
        assertTrue(LiveFacts.of(expired).isEmpty());
    }

    private static Map<String, AttributeValue> checkinState() {
        return Map.of("checkin_id", s("c-1"), "checked_in_at", n(1_000), "device_id", s("kiosk-1"), "mode", s("qr"),
                "zone_id", s("main"));
    }

    private static DynamodbStreamRecord record(String change, String pk, String sk, Map<String, AttributeValue> newImage,
                                               Map<String, AttributeValue> oldImage) {
        Map<String, AttributeValue> keys = Map.of("pk", s(pk), "sk", s(sk));
        var stream = new StreamRecord().withKeys(keys).withSequenceNumber("1");
        if (newImage != null) {
            stream.setNewImage(withKeys(newImage, keys));
        }
        if (oldImage != null) {
            stream.setOldImage(withKeys(oldImage, keys));
        }
        var record = new DynamodbStreamRecord();
        record.setEventName(change);
        record.setDynamodb(stream);
        return record;
    }

    private static Map<String, AttributeValue> withKeys(Map<String, AttributeValue> image, Map<String, AttributeValue> keys) {
        Map<String, AttributeValue> item = new HashMap<>(image);
        item.putAll(keys);
        return item;
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }

    private static AttributeValue n(long value) {
        return new AttributeValue().withN(Long.toString(value));
    }
}
