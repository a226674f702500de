package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only trail keyed by entry id (a retry finds its entry), paged without a cursor. {@link #failing} makes
 * appends fail, as a call cut short by a timeout does.
 */
public final class InMemoryAuditTrail implements AuditTrail {

    private final Map<String, AuditLog.Entry> entries = new LinkedHashMap<>();
    public boolean failing;

    @Override
    public boolean append(String tenant, AuditLog.Entry entry) {
        if (failing) {
            throw new IllegalStateException("audit trail unreachable");
        }
        return entries.putIfAbsent(tenant + "|" + entry.event() + "|" + entry.entryId(), entry) == null;
    }

    @Override
    public AuditLog.Page page(String tenant, String event, long from, long to, int limit, Optional<String> after) {
        return new AuditLog.Page(entries(tenant, event).stream().filter(e -> e.at() >= from && e.at() < to)
                .limit(limit).toList(), Optional.empty());
    }

    /** The event's entries in time order. */
    public List<AuditLog.Entry> entries(String tenant, String event) {
        List<AuditLog.Entry> found = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.startsWith(tenant + "|" + event + "|")) {
                found.add(entry);
            }
        });
        found.sort(Comparator.comparingLong(AuditLog.Entry::at));
        return found;
    }

    /** The actions of the event's entries, in time order. */
    public List<String> actions(String tenant, String event) {
        return entries(tenant, event).stream().map(AuditLog.Entry::action).toList();
    }
}
