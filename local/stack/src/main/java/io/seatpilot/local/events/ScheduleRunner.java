package io.seatpilot.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.aws.LocalAccount;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Schedule events: each enabled {@code Schedule} fires its function with the EventBridge "Scheduled Event" (or the
 * event's constant Input) at the times its rate or cron expression names; rates count from start-up. Tests call
 * {@link #trigger} instead of waiting for the clock.
 */
public final class ScheduleRunner implements AutoCloseable {

    private final LambdaInvoker invoker;
    private final Clock clock;
    private final StackLog log;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("schedules").daemon().factory());

    public ScheduleRunner(LambdaInvoker invoker, Clock clock, StackLog log) {
        this.invoker = invoker;
        this.clock = clock;
        this.log = log;
    }

    /** Arms every enabled schedule; an expression the runner cannot evaluate is reported and skipped. */
    public void start() {
        for (FunctionDefinition function : invoker.functions()) {
            for (FunctionEvent.Schedule schedule : function.events(FunctionEvent.Schedule.class)) {
                if (!schedule.enabled()) {
                    continue;
                }
                try {
                    arm(function, schedule, ScheduleExpression.parse(schedule.expression()));
                } catch (IllegalArgumentException e) {
                    log.warn(function.logicalId() + "." + schedule.name() + " is not scheduled (" + e.getMessage()
                            + "); triggerSchedule still runs it");
                }
            }
        }
    }

    private void arm(FunctionDefinition function, FunctionEvent.Schedule schedule, ScheduleExpression expression) {
        Instant now = clock.instant();
        long delay = Math.max(0, Duration.between(now, expression.next(now)).toMillis());
        timer.schedule(() -> {
            Thread.ofVirtual().name("schedule-" + function.logicalId()).start(() -> fire(function, schedule));
            arm(function, schedule, expression);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Fires every Schedule event of the function once, now, whether enabled or not; waits for the invocations. */
    public List<InvocationResult> trigger(String functionLogicalId) {
        FunctionDefinition function = invoker.function(functionLogicalId);
        List<FunctionEvent.Schedule> schedules = function.events(FunctionEvent.Schedule.class);
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException(functionLogicalId + " has no Schedule event");
        }
        return schedules.stream().map(schedule -> fire(function, schedule)).toList();
    }

    private InvocationResult fire(FunctionDefinition function, FunctionEvent.Schedule schedule) {
        return invoker.invoke(function.logicalId(), "Schedule " + schedule.name() + " " + schedule.expression(),
                event(function, schedule));
    }

    /** EventBridge's scheduled event; the rule name stands in for the one SAM would generate. */
    private byte[] event(FunctionDefinition function, FunctionEvent.Schedule schedule) {
        if (schedule.input().isPresent()) {
            return schedule.input().get().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode event = json.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalAccount.ACCOUNT_ID);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalAccount.REGION);
        event.putArray("resources").add(LocalAccount.arn("events", "rule/" + function.logicalId() + schedule.name()));
        event.putObject("detail");
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the scheduled event", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
