package io.seatpilot.local.lambda;

/** How one invocation ended: the function's JSON response, or the error Lambda would report. */
public sealed interface InvocationResult {

    record Succeeded(String payload) implements InvocationResult {
    }

    record Failed(String errorType, String errorMessage) implements InvocationResult {
    }
}
