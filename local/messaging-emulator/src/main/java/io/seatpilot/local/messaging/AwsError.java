package io.seatpilot.local.messaging;

/**
 * An error AWS would answer: the HTTP status, AWS's error code (the SDK maps it to its exception class, e.g.
 * {@code MessageRejected} → {@code MessageRejectedException}) and the message. Each endpoint renders it in its
 * protocol's shape.
 */
final class AwsError extends RuntimeException {

    private final int status;
    private final String code;

    AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
