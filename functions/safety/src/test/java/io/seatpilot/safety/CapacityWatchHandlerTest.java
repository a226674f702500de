package io.seatpilot.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityWatchHandlerTest {

    private static DynamodbEvent.DynamodbStreamRecord record(String seq, String pk) {
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("MODIFY");
        record.setDynamodb(new StreamRecord().withSequenceNumber(seq).withKeys(Map.of("pk", new AttributeValue(pk),
                "sk", new AttributeValue("S1"))));
        return record;
    }

    private static DynamodbEvent batch(DynamodbEvent.DynamodbStreamRecord... records) {
        var event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }

    @Test
    void eachEventWithCounterChangesIsEvaluatedOncePerBatchAndOtherItemsAreIgnored() {
        List<String> evaluated = new ArrayList<>();
        var handler = new CapacityWatchHandler((tenant, event) -> evaluated.add(tenant + "/" + event));
        var response = handler.handleRequest(batch(
                record("1", "T#t1#EVENT#gala#COUNTERS"), record("2", "T#t1#EVENT#gala#CHECKIN"),
                record("3", "T#t1#EVENT#gala#COUNTERS"), record("4", "T#t2#EVENT#gala#COUNTERS"),
                record("5", "LIVE#CONN#abc"), record("6", "T#t1#AUDIT#gala")), null);
        assertEquals(List.of("t1/gala", "t2/gala"), evaluated);
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    @Test
    void aFailedEvaluationReportsThatEventsFirstRecordAndStops() {
        List<String> evaluated = new ArrayList<>();
        var handler = new CapacityWatchHandler((tenant, event) -> {
            evaluated.add(tenant);
            if (tenant.equals("t2")) {
                throw new IllegalStateException("throttled");
            }
        });
        var response = handler.handleRequest(batch(record("1", "T#t1#EVENT#e1#COUNTERS"),
                record("2", "T#t2#EVENT#e1#COUNTERS"), record("3", "T#t3#EVENT#e1#COUNTERS")), null);
        assertEquals(List.of("t1", "t2"), evaluated);
        assertEquals("2", response.getBatchItemFailures().getFirst().getItemIdentifier());
    }
}
