package io.seatpilot.livepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.seatpilot.core.Services;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.live.LiveFacts;
import io.seatpilot.core.live.LiveMessages;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.core.observability.Logs;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The live publisher (SPEC §2, §11): DataTable's stream in, Ops Live messages out. Check-in writes only to the
 * table, so the door never waits on, nor fails because of, these pushes.
 */
public final class LivePublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(LivePublisherHandler.class);

    private final Consumer<LiveFacts.Fact> publish;

    public LivePublisherHandler() {
        this(System.getenv());
    }

    public LivePublisherHandler(Map<String, String> environment) {
        Env env = new Env(environment);
        Services services = new Services(env, Clock.systemUTC());
        Publisher publisher = Publisher.forStage(env, services.dynamo(), services.table(), services.clock());
        this.publish = fact -> publish(publisher, fact);
    }

    /** With another way to publish a fact (tests make it fail). */
    LivePublisherHandler(Consumer<LiveFacts.Fact> publish) {
        this.publish = publish;
    }

    /**
     * Publishes the batch's facts in stream order, consecutive facts of one event and type as one message
     * (LiveMessages). At the first failure the rest is left alone: Lambda re-sends the batch from the failed
     * message's first record, so publishing the later ones now would send them twice (under new seqs).
     */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            for (LiveMessages.Message message : LiveMessages.of(event.getRecords())) {
                try {
                    publish.accept(message.fact());
                } catch (RuntimeException e) {
                    LOG.error("publishing from stream record {} failed; it and the rest of the batch will be retried",
                            message.firstSequence(), e);
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(message.firstSequence())));
                } finally {
                    Logs.clear();
                }
            }
            return new StreamsEventResponse(List.of());
        });
    }

    private static void publish(Publisher publisher, LiveFacts.Fact fact) {
        Logs.tenant(fact.tenant());
        Logs.eventId(fact.event());
        Publisher.Published published = publisher.publish(fact.tenant(), fact.event(), fact.type(), fact.data());
        LOG.info("published {} seq {} to {} connections ({} gone, {} failed)", fact.type(), published.seq(),
                published.delivered(), published.gone(), published.failed());
    }
}
