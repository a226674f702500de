package io.seatpilot.core.seating;

/** Seats the engine placed and seats placed by hand in one plan ({@code plan}: published or working). */
public record SeatOrigins(long auto, long manual, String plan) {

    public Double percent() {
        return auto + manual == 0 ? null : 100.0 * auto / (auto + manual);
    }
}
