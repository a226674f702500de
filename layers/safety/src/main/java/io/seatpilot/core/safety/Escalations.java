package io.seatpilot.core.safety;

import io.seatpilot.core.json.Json;
import java.util.Arrays;
import java.util.Map;

/**
 * Work for the escalation function, later or now: an alert's escalation check once its delay is over, and an
 * evacuation's page. The raise hands both off, so it never waits on the pager.
 */
public interface Escalations {

    /** An escalation check, due when the alert's escalation delay is over. */
    void schedule(Due due);

    /** A page now; its failure is retried by the escalation function, never fails the raise. */
    void pageNow(Due due);

    /** What a message asks of the escalation function: check an alert's escalation, or page its evacuation. */
    enum Kind {
        ESCALATION("escalation"), EVACUATION_PAGE("evacuation_page");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    /**
     * What the escalation function receives: which alert, of whose event, and what to do. A message without
     * {@code kind} (sent before pages existed) is an escalation check.
     */
    record Due(String tenant, String event, String alertId, Kind kind) {
        public Due(String tenant, String event, String alertId) {
            this(tenant, event, alertId, Kind.ESCALATION);
        }

        public static Due read(String body) {
            com.fasterxml.jackson.databind.JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("unreadable escalation message", e);
            }
            String kind = node.path("kind").asText(Kind.ESCALATION.wire);
            return new Due(node.path("tenant").asText(), node.path("event").asText(), node.path("alert_id").asText(),
                    Arrays.stream(Kind.values()).filter(k -> k.wire.equals(kind)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown escalation message kind " + kind)));
        }

        public String write() {
            return Json.write(Map.of("tenant", tenant, "event", event, "alert_id", alertId, "kind", kind.wire));
        }
    }
}
