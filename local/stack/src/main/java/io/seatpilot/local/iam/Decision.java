package io.seatpilot.local.iam;

/** IAM's answer to one {@link AuthorizationRequest}: an explicit deny wins over any allow; no allow is a deny. */
public sealed interface Decision {

    boolean allowed();

    record Allowed() implements Decision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** {@code because} completes AWS's own sentence: "… because no identity-based policy allows the X action". */
    record Denied(AuthorizationRequest request, String because) implements Decision {
        @Override
        public boolean allowed() {
            return false;
        }
    }
}
