package io.seatpilot.seating;

/** The problem file contradicts itself (unknown or duplicate ids): a caller's error, not an infeasible plan. */
public final class InvalidProblemException extends RuntimeException {

    public InvalidProblemException(String message) {
        super(message);
    }
}
