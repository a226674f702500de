package io.seatpilot.core.live;

import java.util.Optional;

/**
 * The partition a stream record belongs to: {@code T#<tenant>#EVENT#<event>#<kind>} for the event's own items (its
 * first stop's check-ins among them), or {@code T#<tenant>#EVENT#<event>#STOP#<stop>#<kind>} for a later stop's
 * (SPEC §16: the door keeps a later stop's check-ins, conflicts and counters under the ledger
 * {@code <event>#STOP#<stop>}). {@code stop} is null for the first: its facts look exactly as before events had stops.
 */
public record StreamPartition(String tenant, String event, String stop, String kind) {

    public static Optional<StreamPartition> parse(String pk) {
        String[] parts = pk == null ? new String[0] : pk.split("#", -1);
        if (parts.length < 5 || !parts[0].equals("T") || !parts[2].equals("EVENT")) {
            return Optional.empty();
        }
        return switch (parts.length) {
            case 5 -> Optional.of(new StreamPartition(parts[1], parts[3], null, parts[4]));
            case 7 -> parts[4].equals("STOP") && !parts[5].isEmpty()
                    ? Optional.of(new StreamPartition(parts[1], parts[3], parts[5], parts[6])) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
