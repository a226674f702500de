package io.seatpilot.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whether a refusal is worth another try is the reason's, not its status's. */
class ApiExceptionTest {

    @Test
    void onlyALostRaceOrAnInternalErrorIsRetried() {
        Set<Reason> retried = EnumSet.noneOf(Reason.class);
        for (Reason reason : Reason.values()) {
            if (new ApiException(reason, "detail").retryable()) {
                retried.add(reason);
            }
        }
        assertEquals(EnumSet.of(Reason.UNAVAILABLE, Reason.INTERNAL_ERROR), retried);
    }

    @Test
    void aProblemOfAnUnknownReasonIsNotRetried() {
        assertFalse(new ApiException(new Problem("about:blank", "x", 503, "elsewhere", "d", null, null)).retryable());
        assertFalse(new ApiException(new Problem("about:blank", "x", 503, null, "d", null, null)).retryable());
        assertTrue(new ApiException(Problem.of(Reason.UNAVAILABLE, "retry").withField("x")).retryable());
    }
}
