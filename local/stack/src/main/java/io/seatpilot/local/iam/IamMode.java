package io.seatpilot.local.iam;

/** What the local stack does with an AWS call a function's execution role does not allow. */
public enum IamMode {
    /** Refuse it with the error AWS would answer (the default, in the stack and in every test). */
    ENFORCE,
    /** Let it through and log the denial: for finding every missing permission of a template in one run. */
    REPORT;

    public static IamMode parse(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "enforce" -> ENFORCE;
            case "report" -> REPORT;
            default -> throw new IllegalArgumentException("--iam takes enforce or report, not " + value);
        };
    }
}
