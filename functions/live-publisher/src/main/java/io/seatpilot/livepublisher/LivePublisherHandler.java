package io.seatpilot.livepublisher;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.checkin.DoorWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.live.LiveFacts;
import io.seatpilot.core.live.LiveBatch;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.core.safety.CapacityWatch;
import io.seatpilot.core.safety.SafetyWiring;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.core.rsvp.RsvpTally;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The live publisher (SPEC §2, §9, §11): DataTable's stream in, Ops Live messages and zone-capacity alerts out.
 * Check-in writes only to the table, so the door never waits on, nor fails because of, these pushes.
 */
public final class LivePublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(LivePublisherHandler.class);

    private final Consumer<LiveFacts.Fact> publish;
    private final Consumer<LiveBatch.EvaluateCapacity> evaluateCapacity;
    /** The event's RSVP counts now (empty: no such event), for the {@code rsvp} message. */
    private final BiFunction<String, String, Optional<Map<String, Object>>> rsvpCounts;

    public LivePublisherHandler() {
        this(System.getenv());
    }

    public LivePublisherHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        EventWiring events = new EventWiring(platform);
        SafetyWiring safety = new SafetyWiring(new DoorWiring(events));
        Publisher publisher = safety.publisher();
        CapacityWatch capacity = safety.capacityWatch();
        Metrics metrics = platform.metrics();
        this.publish = fact -> publish(publisher, metrics, fact);
        this.evaluateCapacity = step -> {
            var raised = capacity.evaluate(step.tenant(), step.event(), step.stop());
            if (!raised.isEmpty()) {
                LOG.info("capacity raised {} alert(s)", raised.size());
            }
        };
        RsvpTally tally = new RsvpTally(events.eventSetupStore(), new RsvpStore(platform.dynamo(), platform.table()));
        this.rsvpCounts = tally::of;
        Priming.register(platform.hooks(), new LivePublisherPrimer(platform.env()));
    }

    /** With other ways to publish and to evaluate (tests make them fail); events have no RSVP answers. */
    LivePublisherHandler(Consumer<LiveFacts.Fact> publish, Consumer<LiveBatch.EvaluateCapacity> evaluateCapacity) {
        this(publish, evaluateCapacity, (tenant, event) -> Optional.empty());
    }

    LivePublisherHandler(Consumer<LiveFacts.Fact> publish, Consumer<LiveBatch.EvaluateCapacity> evaluateCapacity,
                         BiFunction<String, String, Optional<Map<String, Object>>> rsvpCounts) {
        this.publish = publish;
        this.evaluateCapacity = evaluateCapacity;
        this.rsvpCounts = rsvpCounts;
    }

    /**
     * Runs the batch's steps in order (LiveBatch). At the first failure the rest is left alone and Lambda resends
     * the batch from the first record of any step not done, so no message is published twice (under new seqs).
     */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
            List<LiveBatch.Step> plan = LiveBatch.plan(records);
            for (int i = 0; i < plan.size(); i++) {
                try {
                    switch (plan.get(i)) {
                        case LiveBatch.Publish message -> publish.accept(message.fact());
                        case LiveBatch.EvaluateCapacity capacity -> {
                            Logs.tenant(capacity.tenant());
                            Logs.eventId(capacity.event());
                            evaluateCapacity.accept(capacity);
                        }
                        // the counts as they are when the step runs: a later answer's own step publishes again
                        case LiveBatch.PublishRsvp rsvp -> rsvpCounts.apply(rsvp.tenant(), rsvp.event()).ifPresent(counts ->
                                publish.accept(new LiveFacts.Fact(rsvp.tenant(), rsvp.event(), LiveFacts.RSVP, counts)));
                    }
                } catch (RuntimeException e) {
                    String retryFrom = records.get(LiveBatch.retryFrom(plan, i)).getDynamodb().getSequenceNumber();
                    LOG.error("stream step {} failed; the batch will be retried from record {}", i, retryFrom, e);
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(retryFrom)));
                } finally {
                    Logs.clear();
                }
            }
            return new StreamsEventResponse(List.of());
        });
    }

    private static void publish(Publisher publisher, Metrics metrics, LiveFacts.Fact fact) {
        Logs.tenant(fact.tenant());
        Logs.eventId(fact.event());
        Publisher.Published published = publisher.publish(fact.tenant(), fact.event(), fact.type(), fact.data());
        LOG.info("published {} seq {} to {} connections ({} gone, {} failed)", fact.type(), published.seq(),
                published.delivered(), published.gone(), published.failed());
        published.deliveredAfterMs().ifPresent(ms -> metrics.milliseconds(SloMetrics.LIVE_DELIVERY, ms));
    }
}
