package io.seatpilot.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.seatpilot.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalationHandlerTest {

    private static SQSEvent.SQSMessage message(String id, String alertId) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(Json.write(Map.of("tenant", "t1", "event", "gala", "alert_id", alertId)));
        return message;
    }

    @Test
    void onlyTheMessageWhoseEscalationFailedIsReportedForRetry() {
        List<String> checked = new ArrayList<>();
        var handler = new EscalationHandler(due -> {
            checked.add(due.alertId());
            if (due.alertId().equals("a2")) {
                throw new IllegalStateException("push failed");
            }
            return true;
        });
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage unreadable = new SQSEvent.SQSMessage();
        unreadable.setMessageId("m4");
        unreadable.setBody("not json");
        event.setRecords(List.of(message("m1", "a1"), message("m2", "a2"), message("m3", "a3"), unreadable));
        var response = handler.handleRequest(event, null);
        assertEquals(List.of("a1", "a2", "a3"), checked, "a failure does not stop the rest of the batch");
        assertEquals(List.of("m2", "m4"), response.getBatchItemFailures().stream()
                .map(f -> f.getItemIdentifier()).toList());
    }
}
