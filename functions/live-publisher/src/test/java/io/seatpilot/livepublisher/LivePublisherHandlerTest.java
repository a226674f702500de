package io.seatpilot.livepublisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.seatpilot.core.live.LiveFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivePublisherHandlerTest {

    @Test
    void theFirstRecordThatFailsIsReportedAndNothingAfterItIsPublished() {
        List<String> published = new ArrayList<>();
        var handler = new LivePublisherHandler(fact -> {
            if (fact.data().get("guest_id").equals("g-2")) {
                throw new IllegalStateException("throttled");
            }
            published.add((String) fact.data().get("guest_id"));
        });
        var response = handler.handleRequest(event(checkin("1", "g-1"), other("2"), checkin("3", "g-2"), checkin("4", "g-3")), null);

        assertEquals(List.of("g-1"), published, "g-3 waits for the retry that starts at g-2, so it is not sent twice");
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals("3", response.getBatchItemFailures().getFirst().getItemIdentifier());
    }

    @Test
    void aBatchThatPublishesReportsNoFailure() {
        List<LiveFacts.Fact> published = new ArrayList<>();
        var response = new LivePublisherHandler(published::add).handleRequest(event(checkin("1", "g-1"), other("2")), null);
        assertEquals(1, published.size());
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    private static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
        var event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord checkin(String sequence, String guest) {
        return record(sequence, "T#acme#EVENT#gala-2026#CHECKIN", guest);
    }

    private static DynamodbEvent.DynamodbStreamRecord other(String sequence) {
        return record(sequence, "T#acme#EVENT#gala-2026#COUNTERS", "S#0");
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String sequence, String pk, String sk) {
        Map<String, AttributeValue> keys = Map.of("pk", new AttributeValue().withS(pk), "sk", new AttributeValue().withS(sk));
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withKeys(keys).withNewImage(keys).withSequenceNumber(sequence));
        return record;
    }
}
