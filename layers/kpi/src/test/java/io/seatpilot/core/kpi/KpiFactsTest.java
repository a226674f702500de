package io.seatpilot.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiFactsTest {

    @Test
    void aStoredCheckinIsAFactOfItsEventWithItsGuestAndSession() {
        var located = KpiFacts.of(raw("INSERT", "T#acme#EVT#e-1", "checkin.success", "{\"event\":\"gala\",\"guest_id\":\"g-7\",\"mode\":\"qr\"}"))
                .getFirst();
        assertEquals(new KpiFacts.Located("acme", "gala", new KpiFact("e-1", KpiFact.Kind.CHECKIN_SUCCESS, 1_000,
                Optional.of("s-1"), Optional.of("g-7"))), located);
    }

    @Test
    void aFactWhosePayloadNamesNoEventWaitsForItsSession() {
        var located = KpiFacts.of(raw("INSERT", "T#acme#EVT#e-2", "checkin.qr_scan_start", "{}")).getFirst();
        assertEquals(KpiFacts.NO_EVENT, located.event());
        assertEquals(KpiFact.Kind.QR_SCAN_START, located.fact().kind());
    }

    @Test
    void aHouseholdCheckinIsAFactPerMemberWithOneScanSession() {
        var members = KpiFacts.of(raw("INSERT", "T#acme#EVT#e-5", "checkin.success",
                "{\"event\":\"gala\",\"guest_ids\":[\"g-1\",\"g-2\"],\"mode\":\"household\"}"));
        assertEquals(List.of(new KpiFacts.Located("acme", "gala", new KpiFact("e-5", KpiFact.Kind.CHECKIN_SUCCESS, 1_000,
                        Optional.of("s-1"), Optional.of("g-1"))),
                new KpiFacts.Located("acme", "gala", new KpiFact("e-5#g-2", KpiFact.Kind.CHECKIN_SUCCESS, 1_000,
                        Optional.empty(), Optional.of("g-2")))), members);
    }

    @Test
    void theEnvelopesDoorToSeatIdTravelsWithTheFactAndEveryHouseholdMember() {
        var members = KpiFacts.of(raw("INSERT", "T#acme#EVT#e-6", "checkin.success",
                "{\"event\":\"gala\",\"guest_ids\":[\"g-1\",\"g-2\"],\"mode\":\"household\"}",
                ",\"correlation\":{\"door_to_seat_id\":\"d2s-1\"}"));
        assertEquals(List.of(Optional.of("d2s-1"), Optional.of("d2s-1")), members.stream().map(m -> m.fact().doorToSeatId()).toList());
        assertTrue(KpiFacts.isScan(members.get(0).fact()));
        assertTrue(!KpiFacts.isScan(members.get(1).fact()), "a household's further member is not a scan of its own");
        assertEquals(Optional.empty(), KpiFacts.of(raw("INSERT", "T#acme#EVT#e-7", "wayfinding.arrive_table", "{\"event\":\"gala\"}"))
                .getFirst().fact().doorToSeatId());
    }

    @Test
    void everyScannerErrorIsOneKindAndASearchThatListedNobodyIsANotFound() {
        for (String error : List.of("checkin.error_scan_invalid_qr", "checkin.error_guest_not_found", "checkin.error_rate_limited",
                "checkin.error_network")) {
            assertEquals(KpiFact.Kind.CHECKIN_ERROR, KpiFacts.of(raw("INSERT", "T#acme#EVT#x", error, "{}")).getFirst().fact().kind());
        }
        assertEquals(KpiFact.Kind.SEARCH_FOUND, kind("wayfinding.search_made", "{\"results_count\":2,\"query_length\":4}"));
        assertEquals(KpiFact.Kind.SEARCH_NOT_FOUND, kind("wayfinding.search_made", "{\"results_count\":0,\"query_length\":4}"));
        assertEquals(KpiFact.Kind.SEARCH_NOT_FOUND, kind("wayfinding.search_not_found", "{\"query_length\":4}"));
        assertTrue(KpiFacts.of(raw("INSERT", "T#acme#EVT#x", "checkin.error", "{}")).isEmpty(), "only the error_ family");
    }

    private static KpiFact.Kind kind(String eventName, String payload) {
        return KpiFacts.of(raw("INSERT", "T#acme#EVT#x", eventName, payload)).getFirst().fact().kind();
    }

    @Test
    void otherEventsChangesAndItemsAreNoFacts() {
        assertTrue(KpiFacts.of(raw("INSERT", "T#acme#EVT#e-3", "safety.exit_status_update", "{}")).isEmpty());
        assertTrue(KpiFacts.of(raw("MODIFY", "T#acme#EVT#e-4", "checkin.success", "{\"event\":\"gala\"}")).isEmpty());
        assertTrue(KpiFacts.of(raw("INSERT", "T#acme#EVENT#gala#CHECKIN", "checkin.success", "{\"event\":\"gala\"}")).isEmpty());
    }

    private static DynamodbStreamRecord raw(String change, String pk, String eventName, String payload) {
        return raw(change, pk, eventName, payload, "");
    }

    /** {@code envelopeFields}: more of the envelope after its payload, starting with a comma (or empty). */
    private static DynamodbStreamRecord raw(String change, String pk, String eventName, String payload, String envelopeFields) {
        Map<String, AttributeValue> image = Map.of("pk", s(pk), "sk", s("E"), "event_name", s(eventName),
                "ts_ms", new AttributeValue().withN("1000"), "session_id", s("s-1"),
                "envelope", s("{\"event_name\":\"" + eventName + "\",\"payload\":" + payload + envelopeFields + "}"));
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(change);
        record.setDynamodb(new StreamRecord().withKeys(Map.of("pk", s(pk), "sk", s("E"))).withNewImage(image));
        return record;
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }
}
