package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestQueueTest {

    @Test
    void aTypicalBatchTravelsAsOneMessage() {
        assertEquals(1, IngestQueue.split(message(100, 1024)).size());
    }

    @Test
    void largeRequestsAreSplitUnderTheLimitKeepingEveryEnvelopeInOrder() {
        IngestMessage message = message(100, 15 * 1024);
        List<IngestMessage> parts = IngestQueue.split(message);
        assertTrue(parts.size() > 1);
        List<String> receipts = new ArrayList<>();
        for (IngestMessage part : parts) {
            assertTrue(Json.write(part).length() < 256 * 1024);
            part.envelopes().forEach(e -> receipts.add(e.receiptId()));
        }
        assertEquals(message.envelopes().stream().map(IngestMessage.Entry::receiptId).toList(), receipts);
        assertEquals(parts.size(), parts.stream().map(IngestMessage::messageId).distinct().count());
    }

    private static IngestMessage message(int envelopes, int payloadBytes) {
        List<IngestMessage.Entry> entries = new ArrayList<>();
        for (int i = 0; i < envelopes; i++) {
            var envelope = EnvelopeValidatorTest.envelope();
            envelope.put("session_id", "x".repeat(payloadBytes));
            entries.add(new IngestMessage.Entry("m:" + i, "h" + i, envelope));
        }
        return new IngestMessage("m", "demo", "demo.k", "d", "r", 1L, entries, false);
    }
}
