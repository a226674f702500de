package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.audit.AuditLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Check-in state and raw events in memory, with the conditions of the DynamoDB store ({@link CheckinStore}): each
 * write checks the state it was given and changes nothing when that state moved, and a claim, release or move
 * puts its raw event and audit entry only if absent, all or nothing. Counters move with the writes exactly as the
 * store's transactions move them, so a test can see a guest counted once.
 *
 * <p>{@link #beforeNextWrite} runs something (another kiosk's scan) between the rules' read and their next write:
 * how a test makes the race the conditions exist for.
 */
final class InMemoryLedger implements CheckinLedger, RawEventLog {

    /** What Ops Live reads of one event's counters. */
    record Counts(long checkedIn, long checkedOut, long arrived, Map<String, Long> zones) {
    }

    /** A scan kept beside the one that counts ("duplicate": it lost; "superseded": it was taken over). */
    record Conflict(String kind, Scan loser, Scan winner) {
    }

    private final Map<String, Scan> states = new HashMap<>();
    private final Map<String, JsonNode> rawEvents = new HashMap<>();
    private final Map<String, AuditLog.Entry> audit = new LinkedHashMap<>();
    private final Map<String, Conflict> conflicts = new LinkedHashMap<>();
    private final Map<String, Arrival> arrivals = new HashMap<>();
    private final Map<String, long[]> counters = new HashMap<>();
    private final Map<String, Map<String, Long>> zones = new HashMap<>();
    private Runnable beforeNextWrite;

    // ---------- what tests arrange and look at ----------

    /** A raw event ingest stored (an offline upload), which the rules read back for an undo. */
    synchronized void uploaded(String tenant, JsonNode envelope) {
        rawEvents.put(key(tenant, envelope.get("event_id").asText()), envelope);
    }

    synchronized void beforeNextWrite(Runnable interleaved) {
        this.beforeNextWrite = interleaved;
    }

    synchronized Counts counts(String tenant, String event) {
        long[] c = counters.getOrDefault(key(tenant, event), new long[3]);
        Map<String, Long> inZones = new TreeMap<>(zones.getOrDefault(key(tenant, event), Map.of()));
        inZones.values().removeIf(n -> n == 0);
        return new Counts(c[0], c[1], c[2], inZones);
    }

    synchronized List<Conflict> conflicts(String tenant, String event) {
        String prefix = key(tenant, event) + "|";
        return conflicts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    synchronized List<AuditLog.Entry> audit() {
        return List.copyOf(audit.values());
    }

    synchronized Optional<JsonNode> rawEvent(String tenant, String eventId) {
        return Optional.ofNullable(rawEvents.get(key(tenant, eventId)));
    }

    // ---------- CheckinLedger ----------

    @Override
    public Claims claim(String tenant, String event, List<Scan> scans, Function<List<Scan>, OnlineFact> rawEvent,
                        Function<List<Scan>, AuditLog.Entry> audit) {
        interleave();
        synchronized (this) {
            Map<String, Scan> held = new HashMap<>();
            List<Scan> free = new ArrayList<>();
            for (Scan scan : scans) {
                Scan state = states.get(key(tenant, event, scan.guestId()));
                if (state != null) {
                    held.put(scan.guestId(), state);
                } else {
                    free.add(scan);
                }
            }
            if (free.isEmpty()) {
                return new Claims(List.of(), held, false);
            }
            OnlineFact fact = rawEvent == null ? null : rawEvent.apply(free);
            if (fact != null && rawEvents.containsKey(key(tenant, fact.eventId()))) {
                return new Claims(List.of(), held, true);
            }
            AuditLog.Entry entry = audit == null ? null : audit.apply(free);
            requireNewEntry(entry);
            free.forEach(scan -> states.put(key(tenant, event, scan.guestId()), scan));
            count(tenant, event, free.size(), 0, 0);
            free.forEach(scan -> zone(tenant, event, scan.zoneId(), 1));
            record(tenant, fact, entry);
            return new Claims(List.copyOf(free), held, false);
        }
    }

    @Override
    public boolean supersede(String tenant, String event, Scan earlier, Scan later, long now) {
        interleave();
        synchronized (this) {
            Scan state = states.get(key(tenant, event, earlier.guestId()));
            if (state == null || !state.checkinId().equals(later.checkinId())) {
                return false;
            }
            states.put(key(tenant, event, earlier.guestId()), earlier.withPresenceOf(later));
            conflicts.put(key(tenant, event, later.checkinId()), new Conflict("superseded", later, earlier));
            return true;
        }
    }

    @Override
    public synchronized void recordDuplicate(String tenant, String event, Scan loser, Scan winner, long now) {
        conflicts.putIfAbsent(key(tenant, event, loser.checkinId()), new Conflict("duplicate", loser, winner));
    }

    @Override
    public Release release(String tenant, String event, List<Scan> current, OnlineFact rawEvent, AuditLog.Entry entry) {
        interleave();
        synchronized (this) {
            if (rawEvent != null && rawEvents.containsKey(key(tenant, rawEvent.eventId()))) {
                return Release.ALREADY_RECORDED;
            }
            for (Scan scan : current) {
                Scan state = states.get(key(tenant, event, scan.guestId()));
                if (state == null || !state.checkinId().equals(scan.checkinId())) {
                    return Release.NOT_HELD;
                }
            }
            requireNewEntry(entry);
            current.forEach(scan -> states.remove(key(tenant, event, scan.guestId())));
            List<Scan> inside = current.stream().filter(s -> !s.isOut()).toList();
            count(tenant, event, -current.size(), inside.size() - current.size(), 0);
            inside.forEach(scan -> zone(tenant, event, scan.zoneId(), -1));
            record(tenant, rawEvent, entry);
            return Release.RELEASED;
        }
    }

    @Override
    public Move checkOut(String tenant, String event, Scan held, Scan.Exit exit, AuditLog.Entry entry) {
        interleave();
        synchronized (this) {
            Scan state = states.get(key(tenant, event, held.guestId()));
            if (state == null || !state.checkinId().equals(held.checkinId()) || state.isOut()) {
                return Move.STATE_CHANGED;
            }
            requireNewEntry(entry);
            states.put(key(tenant, event, held.guestId()), with(state, exit, state.reentryId(), state.reentryAt(), state.zoneId()));
            count(tenant, event, 0, 1, 0);
            zone(tenant, event, held.zoneId(), -1);
            record(tenant, null, entry);
            return Move.MOVED;
        }
    }

    @Override
    public Move reenter(String tenant, String event, Scan held, Scan entry, AuditLog.Entry auditEntry) {
        interleave();
        synchronized (this) {
            Scan state = states.get(key(tenant, event, held.guestId()));
            if (state == null || !state.checkinId().equals(held.checkinId()) || !state.isOut()
                    || !state.exit().checkoutId().equals(held.exit().checkoutId())) {
                return Move.STATE_CHANGED;
            }
            requireNewEntry(auditEntry);
            states.put(key(tenant, event, held.guestId()), with(state, null, entry.checkinId(), entry.checkedInAt(), entry.zoneId()));
            count(tenant, event, 0, -1, 0);
            zone(tenant, event, entry.zoneId(), 1);
            record(tenant, null, auditEntry);
            return Move.MOVED;
        }
    }

    @Override
    public Move markEntry(String tenant, String event, Scan held, Scan entry) {
        interleave();
        synchronized (this) {
            Scan state = states.get(key(tenant, event, held.guestId()));
            if (state == null || !state.checkinId().equals(held.checkinId()) || state.isOut()
                    || !java.util.Objects.equals(state.reentryId(), held.reentryId())) {
                return Move.STATE_CHANGED;
            }
            states.put(key(tenant, event, held.guestId()), with(state, null, entry.checkinId(), entry.checkedInAt(), state.zoneId()));
            return Move.MOVED;
        }
    }

    @Override
    public Move moveExit(String tenant, String event, Scan held, Scan.Exit exit, AuditLog.Entry entry) {
        interleave();
        synchronized (this) {
            Scan state = states.get(key(tenant, event, held.guestId()));
            if (state == null || !state.checkinId().equals(held.checkinId()) || !state.isOut()
                    || !state.exit().checkoutId().equals(held.exit().checkoutId())) {
                return Move.STATE_CHANGED;
            }
            requireNewEntry(entry);
            states.put(key(tenant, event, held.guestId()), with(state, exit, state.reentryId(), state.reentryAt(), state.zoneId()));
            record(tenant, null, entry);
            return Move.MOVED;
        }
    }

    @Override
    public synchronized ArrivalClaim arrive(String tenant, String event, Arrival arrival, OnlineFact rawEvent) {
        Arrival first = arrivals.get(key(tenant, event, arrival.guestId()));
        if (first != null) {
            return new ArrivalClaim.Earlier(first);
        }
        if (rawEvent != null && rawEvents.containsKey(key(tenant, rawEvent.eventId()))) {
            throw new IllegalStateException("raw event without its arrival: the store would fail the transaction");
        }
        arrivals.put(key(tenant, event, arrival.guestId()), arrival);
        count(tenant, event, 0, 0, 1);
        record(tenant, rawEvent, null);
        return new ArrivalClaim.Recorded();
    }

    @Override
    public synchronized Optional<Scan> state(String tenant, String event, String guestId) {
        return Optional.ofNullable(states.get(key(tenant, event, guestId)));
    }

    @Override
    public synchronized Map<String, Scan> states(String tenant, String event, List<String> guestIds) {
        Map<String, Scan> found = new HashMap<>();
        guestIds.forEach(id -> Optional.ofNullable(states.get(key(tenant, event, id))).ifPresent(s -> found.put(id, s)));
        return found;
    }

    // ---------- RawEventLog ----------

    @Override
    public synchronized Optional<JsonNode> envelope(String tenant, String eventId) {
        return Optional.ofNullable(rawEvents.get(key(tenant, eventId)));
    }

    // ---------- in here ----------

    private void interleave() {
        Runnable next;
        synchronized (this) {
            next = beforeNextWrite;
            beforeNextWrite = null;
        }
        if (next != null) {
            next.run();
        }
    }

    /** An audit entry id is derived from its action: meeting it again means the store's transaction fails. */
    private void requireNewEntry(AuditLog.Entry entry) {
        if (entry != null && audit.containsKey(entry.entryId())) {
            throw new IllegalStateException("audit entry " + entry.entryId() + " exists: the store would fail the transaction");
        }
    }

    private void record(String tenant, OnlineFact fact, AuditLog.Entry entry) {
        if (fact != null) {
            rawEvents.put(key(tenant, fact.eventId()), fact.envelope());
        }
        if (entry != null) {
            audit.put(entry.entryId(), entry);
        }
    }

    private void count(String tenant, String event, long checkedIn, long checkedOut, long arrived) {
        long[] c = counters.computeIfAbsent(key(tenant, event), k -> new long[3]);
        c[0] += checkedIn;
        c[1] += checkedOut;
        c[2] += arrived;
    }

    private void zone(String tenant, String event, String zoneId, long delta) {
        if (zoneId != null) {
            zones.computeIfAbsent(key(tenant, event), k -> new HashMap<>()).merge(zoneId, delta, Long::sum);
        }
    }

    private static Scan with(Scan state, Scan.Exit exit, String reentryId, long reentryAt, String zoneId) {
        return new Scan(state.guestId(), state.checkinId(), state.checkedInAt(), state.recordedAt(), state.deviceId(),
                state.mode(), zoneId, exit, reentryId, reentryAt);
    }

    private static String key(String... parts) {
        return String.join("|", parts);
    }
}
