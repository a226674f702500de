package io.seatpilot.seating;

/** The weights of the canonical score; absent values take the contract's example values (vip 10, move 5). */
public record Weights(Integer vip, Integer move) {

    public static final Weights DEFAULT = new Weights(null, null);

    public Weights {
        vip = vip == null ? Integer.valueOf(10) : vip;
        move = move == null ? Integer.valueOf(5) : move;
    }
}
