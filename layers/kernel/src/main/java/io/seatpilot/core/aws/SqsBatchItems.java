package io.seatpilot.core.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.seatpilot.core.observability.Logs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * How every SQS consumer runs its batch (event source with {@code ReportBatchItemFailures}): each message on its
 * own, and only the failed ones reported back, so one bad message never makes the good ones of its batch run
 * again; a message that keeps failing reaches its queue's dead-letter queue after the receive limit.
 */
public final class SqsBatchItems {

    private SqsBatchItems() {
    }

    public static SQSBatchResponse process(SQSEvent event, Context context, Logger log, Consumer<SQSEvent.SQSMessage> work) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                try {
                    work.accept(record);
                } catch (RuntimeException e) {
                    log.error("message {} failed; it will be retried", record.getMessageId(), e);
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(record.getMessageId()).build());
                } finally {
                    Logs.clear();
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }
}
