package io.seatpilot.core.live;


import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.core.store.EventKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one batch of DataTable's stream asks of Ops Live, as ordered steps: messages to publish and zone capacities
 * to evaluate. One function does both because AWS advises at most two readers per stream shard, and the KPI facts
 * function is the other.
 *
 * <ul>
 *   <li>Coalescing: consecutive facts of one event and type travel as one message whose data is
 *       {@code {"items": [...]}} (a lone fact keeps its plain data). At 100 check-ins a second a page gets a few
 *       messages a second instead of a hundred, and the publisher makes as many fewer {@code @connections} calls.
 *       Only consecutive facts merge, so stream order holds across types and events.</li>
 *   <li>Capacity: an event whose counter shards changed is evaluated once per batch, at its last counter change
 *       (the evaluation reads the summed shards, so one read sees them all).</li>
 *   <li>RSVP: an event whose answers changed is recounted once per batch, at its last change, and its per-stop
 *       counts published as one {@code rsvp} message (a household answering writes several items at once).</li>
 * </ul>
 * Steps run in the order of their last record. After a failure, Lambda must resend from the first record of any
 * step not done ({@link #retryFrom}): messages never overlap, so no published message is sent twice, and a
 * capacity evaluation done again is harmless (alerts fire once per crossing by conditional writes).
 */
public final class LiveBatch {

    private LiveBatch() {
    }

    /** One step, spanning the batch's records {@code first..last} (indexes into the batch). */
    public sealed interface Step permits Publish, EvaluateCapacity, PublishRsvp {
        int first();

        int last();
    }

    /** Publish one (possibly coalesced) message; {@code facts} says how many facts it carries. */
    public record Publish(int first, int last, LiveFacts.Fact fact, int facts) implements Step {
    }

    /** Evaluate the zone capacities of the tenant's event at one stop ({@code stop} null: the first, SPEC §16). */
    public record EvaluateCapacity(int first, int last, String tenant, String event, String stop) implements Step {
    }

    /** Recount the RSVP answers of the tenant's event and publish them. */
    public record PublishRsvp(int first, int last, String tenant, String event) implements Step {
    }

    public static List<Step> plan(List<DynamodbStreamRecord> records) {
        List<Step> steps = new ArrayList<>(messages(records));
        // a stop's counters are its own (SPEC §16): each stop whose counters changed is evaluated on its own
        Map<StreamPartition, Integer> lastCounterChange = new LinkedHashMap<>();
        Map<StreamPartition, Integer> lastAnswer = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            partitionOf(records.get(i)).ifPresent(partition -> {
                if (partition.kind().equals(EventKeys.COUNTERS)) {
                    lastCounterChange.put(partition, index);
                } else if (partition.kind().equals(RsvpStore.KIND) && partition.stop() == null) {
                    lastAnswer.put(partition, index);
                }
            });
        }
        lastCounterChange.forEach((p, index) -> steps.add(new EvaluateCapacity(index, index, p.tenant(), p.event(), p.stop())));
        lastAnswer.forEach((p, index) -> steps.add(new PublishRsvp(index, index, p.tenant(), p.event())));
        steps.sort(Comparator.comparingInt(Step::last));
        return steps;
    }

    /** The index of the record a retry must start from when step {@code failed} of the plan did not complete. */
    public static int retryFrom(List<Step> plan, int failed) {
        return plan.subList(failed, plan.size()).stream().mapToInt(Step::first).min().orElseThrow();
    }

    private static List<Publish> messages(List<DynamodbStreamRecord> records) {
        List<Publish> messages = new ArrayList<>();
        List<Map<String, Object>> run = new ArrayList<>();
        LiveFacts.Fact head = null;
        int first = -1;
        int last = -1;
        for (int i = 0; i < records.size(); i++) {
            Optional<LiveFacts.Fact> found = LiveFacts.of(records.get(i));
            if (found.isEmpty()) {
                continue;
            }
            LiveFacts.Fact fact = found.get();
            if (head != null && !sameStream(head, fact)) {
                messages.add(message(first, last, head, run));
                run = new ArrayList<>();
                head = null;
            }
            if (head == null) {
                head = fact;
                first = i;
            }
            last = i;
            run.add(fact.data());
        }
        if (head != null) {
            messages.add(message(first, last, head, run));
        }
        return messages;
    }

    private static boolean sameStream(LiveFacts.Fact a, LiveFacts.Fact b) {
        return a.tenant().equals(b.tenant()) && a.event().equals(b.event()) && a.type().equals(b.type());
    }

    private static Publish message(int first, int last, LiveFacts.Fact head, List<Map<String, Object>> run) {
        LiveFacts.Fact fact = run.size() == 1 ? head
                : new LiveFacts.Fact(head.tenant(), head.event(), head.type(), Map.of("items", List.copyOf(run)));
        return new Publish(first, last, fact, run.size());
    }

    private static Optional<StreamPartition> partitionOf(DynamodbStreamRecord record) {
        var keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
        var pk = keys == null ? null : keys.get("pk");
        return StreamPartition.parse(pk == null ? null : pk.getS());
    }
}
