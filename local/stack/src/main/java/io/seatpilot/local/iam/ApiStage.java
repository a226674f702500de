package io.seatpilot.local.iam;

/** The WebSocket API and stage a {@code @connections} endpoint belongs to: the start of its execute-api ARNs. */
public record ApiStage(String apiId, String stage) {
}
