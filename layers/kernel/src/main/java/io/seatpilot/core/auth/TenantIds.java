package io.seatpilot.core.auth;

import io.seatpilot.core.text.CharRunPattern;

/** Tenant ids are embedded in keys and key ids, so their alphabet is restricted to keep both unambiguous. */
public final class TenantIds {

    private static final CharRunPattern VALID = CharRunPattern.whole("[A-Za-z0-9_-]{1,64}");

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && VALID.test(tenantId);
    }
}
