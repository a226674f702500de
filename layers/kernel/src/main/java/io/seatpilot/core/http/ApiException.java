package io.seatpilot.core.http;

/** A refusal that maps to a problem answer; thrown from anywhere below a handler. */
public final class ApiException extends RuntimeException {

    private final Problem problem;

    public ApiException(Problem problem) {
        super(problem.reason() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ApiException(Reason reason, String detail) {
        this(Problem.of(reason, detail));
    }

    public static ApiException field(Reason reason, String field, String detail) {
        return new ApiException(Problem.of(reason, detail).withField(field));
    }

    public Problem problem() {
        return problem;
    }

    /** See {@link Reason#retryable()}; a reason this server does not define is not retried. */
    public boolean retryable() {
        return java.util.Arrays.stream(Reason.values()).anyMatch(r -> r.retryable() && r.code().equals(problem.reason()));
    }
}
