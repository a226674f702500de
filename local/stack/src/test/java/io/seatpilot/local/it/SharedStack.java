package io.seatpilot.local.it;

import io.seatpilot.local.LocalStack;

/**
 * One local stack for the whole test JVM: emulators start once (seconds), not per test class. Each test works
 * in its own tenant, so tests never see each other's data.
 */
public final class SharedStack {

    /** The shared stack's escalation delay (template parameter AlertEscalationSeconds, 60 in a stage). */
    public static final int ESCALATION_SECONDS = 3;

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.builder()
                    .httpPort(0)
                    .wsPort(0)
                    .visibilityTimeoutOverrideSeconds(1)
                    // alerts escalate after 3 s instead of 60, so escalation tests take seconds
                    .parameter("AlertEscalationSeconds", String.valueOf(ESCALATION_SECONDS))
                    .quiet(true)
                    // tests trigger the KPI rollup themselves: a run by the clock would slip a kpi message between
                    // the messages another test is waiting for
                    .automaticSchedules(false)
                    .build()
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }
}
