package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import java.util.Optional;

/** The tenant's append-only audit trail, as safety writes and pages it. */
public interface AuditTrail {

    /** @return false when the entry was there already (a retry), true when appended now */
    boolean append(String tenant, AuditLog.Entry entry);

    AuditLog.Page page(String tenant, String event, long from, long to, int limit, Optional<String> after);
}
