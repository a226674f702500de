package io.seatpilot.core.live;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coalesces a stream batch's Ops Live facts into messages: consecutive facts of the same event and type travel as
 * one message whose data is {@code {"items": [...]}} (a lone fact keeps its plain data). At 100 check-ins a
 * second a page then gets a few messages a second instead of a hundred, and the publisher makes as many fewer
 * {@code @connections} calls. Only consecutive facts are merged, so stream order holds across types and events,
 * and a failed message still marks the exact record a retry must start from.
 */
public final class LiveMessages {

    private LiveMessages() {
    }

    /** One message to publish, and the sequence number of the first stream record it carries. */
    public record Message(String firstSequence, LiveFacts.Fact fact, int facts) {
    }

    public static List<Message> of(List<DynamodbStreamRecord> records) {
        List<Message> messages = new ArrayList<>();
        List<Map<String, Object>> run = new ArrayList<>();
        LiveFacts.Fact first = null;
        String firstSequence = null;
        for (DynamodbStreamRecord record : records) {
            Optional<LiveFacts.Fact> found = LiveFacts.of(record);
            if (found.isEmpty()) {
                continue;
            }
            LiveFacts.Fact fact = found.get();
            if (first != null && !sameStream(first, fact)) {
                messages.add(message(firstSequence, first, run));
                run = new ArrayList<>();
                first = null;
            }
            if (first == null) {
                first = fact;
                firstSequence = record.getDynamodb().getSequenceNumber();
            }
            run.add(fact.data());
        }
        if (first != null) {
            messages.add(message(firstSequence, first, run));
        }
        return messages;
    }

    private static boolean sameStream(LiveFacts.Fact a, LiveFacts.Fact b) {
        return a.tenant().equals(b.tenant()) && a.event().equals(b.event()) && a.type().equals(b.type());
    }

    private static Message message(String firstSequence, LiveFacts.Fact first, List<Map<String, Object>> run) {
        LiveFacts.Fact fact = run.size() == 1 ? first
                : new LiveFacts.Fact(first.tenant(), first.event(), first.type(), Map.of("items", List.copyOf(run)));
        return new Message(firstSequence, fact, run.size());
    }
}
