package io.seatpilot.core.safety;

import io.seatpilot.core.paging.OnCall;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.checkin.EventContext;
import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Safety (SPEC §9): alerts with acknowledgement and one escalation, exits and egress readiness, and the
 * evacuation roll call. Every action is stored first, then written to the audit trail, then pushed to Ops Live;
 * the push is the only part allowed to fail without failing the action. Callers have already authorised the
 * actor: this class only knows actor ids. It reads and writes through the small stores it is given, so its rules
 * run without DynamoDB in unit tests.
 */
public final class Safety {

    private final EventDirectory events;
    private final Placements placements;
    private final Attendance attendance;
    private final AlertLedger alerts;
    private final ExitBoard exits;
    private final MusterRoll musters;
    private final AuditTrail audit;
    private final Escalations escalations;
    private final LiveChannel live;
    private final Pager pager;
    private final Clock clock;

    public Safety(EventDirectory events, Placements placements, Attendance attendance, AlertLedger alerts, ExitBoard exits,
                  MusterRoll musters, AuditTrail audit, Escalations escalations, LiveChannel live, Pager pager, Clock clock) {
        this.events = events;
        this.placements = placements;
        this.attendance = attendance;
        this.alerts = alerts;
        this.exits = exits;
        this.musters = musters;
        this.audit = audit;
        this.escalations = escalations;
        this.live = live;
        this.pager = pager;
        this.clock = clock;
    }

    // ---------- alerts ----------

    /**
     * A raise with a {@code request_id} gets an id of its own from it, so a client's retry finds the alert it
     * raised (and completes what a lost answer may have cut short) instead of raising a second one.
     */
    public Alert raise(String tenant, String event, AlertRequest request, String actor, String source) {
        long now = clock.millis();
        return raise(tenant, event, request, actor, source, request.requestId() != null ? "req-" + request.requestId()
                : String.format("%013d-%s", now, UUID.randomUUID().toString().substring(0, 8)), now);
    }

    /** The message a device's emergency tone raises its alert with (a tone carries no text). */
    static final String DEVICE_ALERT_MESSAGE = "Emergency alert raised at a device";

    /**
     * A device's emergency tone ({@code safety.emergency_tone_alert} uploaded through ingest) as an alert. Its id
     * comes from the envelope's event id, so a redelivered upload finds the same alert and only repeats the
     * idempotent steps (audit, evacuation start, escalation check, push) that a crash may have cut short.
     */
    public Alert raiseFromDevice(String tenant, String event, AlertLevel level, String zone, String envelopeId, long at,
                                 String actor) {
        AlertRequest request = level == AlertLevel.EVAC
                ? new AlertRequest(level, zone, AlertRequest.TEMPLATES.get("evacuate"), "evacuate", null)
                : new AlertRequest(level, zone, DEVICE_ALERT_MESSAGE, null, null);
        return raise(tenant, event, request, actor, "device", String.format("%013d-%s", at, envelopeId), at);
    }

    private Alert raise(String tenant, String event, AlertRequest request, String actor, String source, String alertId,
                        long now) {
        EventDefinition definition = definition(tenant, event);
        String zone = request.zone() == null ? null : definition.zones().isEmpty() ? request.zone()
                : definition.zone(request.zone()).map(EventDefinition.Zone::id).orElseThrow(() ->
                        ApiException.field(Reason.VALIDATION_FAILED, "zone", "No such zone in this event"));
        // an alert is for a stop of the event: the one named, else the one in progress when it is raised (SPEC §16)
        EventDefinition.Stop stop = request.stopId() == null ? definition.stopInProgress(now)
                : definition.stop(request.stopId()).orElseThrow(() ->
                        ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "No such stop in this event"));
        boolean clear = request.level() == AlertLevel.CLEAR;
        // a CLEAR is a record of the all-clear, never open itself
        Alert alert = new Alert(alertId, event, request.level(), zone, later(definition, stop), request.message(),
                request.template(), request.severity(), source, actor, now, null, null, null, clear ? now : null);
        if (!alerts.create(tenant, alert)) {
            alert = alerts.find(tenant, event, alertId).orElseThrow();
            if (!alert.open()) {
                return alert; // cleared since: replaying it must not restart an evacuation
            }
        }
        // From here on the stored alert decides, not this request: a retry repeats the first raise's steps, at its
        // time, so the audit entry and the evacuation it already wrote are found again rather than written twice.
        long raisedAt = alert.raisedAt();
        audit.append(tenant, new AuditLog.Entry(alert.alertId() + "-raised", event, "alert_raised", actor, alert.alertId(),
                raisedAt, details("level", alert.level().name(), "zone", alert.zone(), "source", alert.source(),
                "severity", alert.severity(), "stop", alert.stop())));
        Map<String, Object> data = new LinkedHashMap<>(alert.toData());
        switch (alert.level()) {
            case EVAC -> {
                var evacuation = alerts.startEvacuation(tenant, event, alert.alertId(), alert.stop(), raisedAt);
                data.put("evacuation_id", evacuation.id());
            }
            case CLEAR -> data.put("cleared", clearAll(tenant, event, actor, raisedAt));
            case ALERT -> {
            }
        }
        if (alert.level().needsAcknowledgement()) {
            // scheduled before the push: an alert nobody saw must still escalate
            escalations.schedule(new Escalations.Due(tenant, event, alert.alertId()));
        }
        if (alert.level() == AlertLevel.EVAC) {
            // every EVAC pages the on-call channel; a retry's message finds the page claimed and sends nothing
            escalations.pageNow(new Escalations.Due(tenant, event, alert.alertId(), Escalations.Kind.EVACUATION_PAGE));
        }
        live.push(tenant, event, "alert", data);
        if (alert.level() == AlertLevel.EVAC && alert.alertId().equals(data.get("evacuation_id"))) {
            // the evacuation this alert started: its roll call goes to Ops Live right after the alarm itself
            pushRollCall(tenant, event);
        }
        return alert;
    }

    /** Clears every open alert and ends the evacuation, if one runs; returns the ids cleared. */
    private List<String> clearAll(String tenant, String event, String actor, long now) {
        List<String> cleared = new ArrayList<>();
        for (Alert open : alerts.all(tenant, event)) {
            if (open.open() && open.level() != AlertLevel.CLEAR) {
                alerts.clear(tenant, event, open.alertId(), now).ifPresent(a -> cleared.add(a.alertId()));
            }
        }
        alerts.endEvacuation(tenant, event, now).ifPresent(evacuation -> audit.append(tenant, new AuditLog.Entry(
                evacuation.id() + "-evac-cleared", event, "evac_cleared", actor, evacuation.id(), now,
                details("alerts_cleared", String.valueOf(cleared.size())))));
        return cleared;
    }

    /** The outcome of an acknowledgement: the first one counts; a repeat answers what the first did. */
    public sealed interface Ack {
        Alert alert();

        record Acknowledged(Alert alert) implements Ack {
        }

        record AlreadyAcknowledged(Alert alert) implements Ack {
        }
    }

    public Ack acknowledge(String tenant, String event, String alertId, String actor) {
        long now = clock.millis();
        Optional<Alert> acked = alerts.acknowledge(tenant, event, alertId, actor, now);
        if (acked.isEmpty()) {
            Alert alert = alerts.find(tenant, event, alertId)
                    .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such alert"));
            if (!alert.level().needsAcknowledgement()) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "alert_id", "A CLEAR needs no acknowledgement");
            }
            if (!alert.acknowledged()) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "alert_id", "The alert was cleared");
            }
            return new Ack.AlreadyAcknowledged(alert);
        }
        Alert alert = acked.get();
        audit.append(tenant, new AuditLog.Entry(alertId + "-acked", event, "alert_acked", actor, alertId, alert.ackedAt(),
                Map.of("level", alert.level().name())));
        live.push(tenant, event, "alert_ack", alert.toData());
        return new Ack.Acknowledged(alert);
    }

    /** Alerts not cleared yet, oldest first (acknowledged ones included, with who acknowledged them). */
    public List<Alert> openAlerts(String tenant, String event) {
        definition(tenant, event);
        return alerts.all(tenant, event).stream().filter(Alert::open).toList();
    }

    /**
     * The escalation check of one alert, when its delay is over: escalates it once — paged to the event's on-call
     * channel and pushed again with {@code escalated: true} — unless it was acknowledged or cleared. A redelivered
     * message finds the alert escalated and does nothing; if the page or the push failed, this throws so the message
     * comes back and finishes it. An evacuation-page message pages the EVAC alert it names, once.
     */
    public boolean escalate(Escalations.Due due) {
        if (due.kind() == Escalations.Kind.EVACUATION_PAGE) {
            return alerts.find(due.tenant(), due.event(), due.alertId())
                    .map(alert -> pager.page(due.tenant(), page(due.tenant(), alert), OnCall.Step.EVACUATION)).orElse(false);
        }
        long now = clock.millis();
        Optional<Alert> escalated = alerts.escalate(due.tenant(), due.event(), due.alertId(), now);
        if (escalated.isEmpty()) {
            return false;
        }
        Alert alert = escalated.get();
        audit.append(due.tenant(), new AuditLog.Entry(alert.alertId() + "-escalated", due.event(), "alert_escalated",
                "system:escalation", alert.alertId(), alert.escalatedAt(), Map.of("level", alert.level().name())));
        // paged before the push, once (a redelivery that only has the push left finds the page claimed)
        pager.page(due.tenant(), page(due.tenant(), alert), OnCall.Step.ESCALATION);
        if (!live.push(due.tenant(), due.event(), "alert", alert.toData())) {
            throw new IllegalStateException("escalation of an alert could not be pushed; retrying");
        }
        alerts.escalationPushed(due.tenant(), due.event(), alert.alertId());
        return true;
    }

    private OnCall.Page page(String tenant, Alert alert) {
        // the stop by the name ops gave it; a stop removed from the event since is still named by its id
        String stop = alert.stop() == null ? null : events.event(tenant, alert.event()).flatMap(d -> d.stop(alert.stop()))
                .map(EventDefinition.Stop::label).orElse(alert.stop());
        return new OnCall.Page(alert.event(), alert.alertId(), alert.level().name(), alert.zone(), stop, alert.message());
    }

    // ---------- exits ----------

    public record ExitView(String exitId, String name, ExitStatus status) {
    }

    /** Egress readiness (SPEC §9): open exits ÷ all exits of the event (1.0 when the event lists no exit). */
    public record Egress(int open, int total, double readiness, List<ExitView> exits) {
        public Map<String, Object> toData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("open", open);
            data.put("total", total);
            data.put("readiness", readiness);
            data.put("exits", exits.stream().map(e -> {
                Map<String, Object> exit = new LinkedHashMap<>();
                exit.put("exit_id", e.exitId());
                if (e.name() != null) {
                    exit.put("name", e.name());
                }
                exit.put("status", e.status().name());
                return exit;
            }).toList());
            return data;
        }
    }

    public Egress egress(String tenant, String event) {
        return egress(definition(tenant, event), exits.statuses(tenant, event));
    }

    /** The event's exits as last reported (or as set up, before any report), and the readiness they give. */
    public static Egress egress(EventDefinition definition, Map<String, ExitStatus> stored) {
        List<ExitView> views = definition.exits().stream().map(exit -> new ExitView(exit.id(), exit.name(),
                Optional.ofNullable(stored.get(exit.id())).orElseGet(() -> initial(exit)))).toList();
        int open = (int) views.stream().filter(v -> v.status() == ExitStatus.OPEN).count();
        return new Egress(open, views.size(), views.isEmpty() ? 1.0 : (double) open / views.size(), views);
    }

    private static ExitStatus initial(EventDefinition.Exit exit) {
        return ExitStatus.parse(exit.status()).orElse(ExitStatus.OPEN);
    }

    /** What an exit report did; {@code alert} is the alert a BLOCKED exit raised during an evacuation. */
    public record ExitChange(boolean changed, ExitStatus status, Egress egress, Optional<Alert> alert) {
    }

    public ExitChange updateExit(String tenant, String event, String exitId, ExitStatus status, long at, String actor) {
        EventDefinition definition = definition(tenant, event);
        EventDefinition.Exit exit = definition.exits().stream().filter(e -> e.id().equals(exitId)).findFirst()
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such exit"));
        ExitBoard.Write write = exits.set(tenant, event, exitId, status, at, actor);
        if (!(write instanceof ExitBoard.Write.Applied applied)) {
            return new ExitChange(false, status, egress(tenant, event), Optional.empty());
        }
        ExitStatus previous = applied.stored().orElseGet(() -> initial(exit));
        audit.append(tenant, new AuditLog.Entry("exit-" + exitId + "-" + at + "-" + status, event, "exit_changed", actor,
                exitId, at, Map.of("status", status.name(), "previous", previous.name())));
        Egress egress = egress(tenant, event);
        Map<String, Object> data = new LinkedHashMap<>();
        // "id", "name" and "status" are what the dashboard's exits list (and the snapshot's) are keyed and shown by
        data.put("id", exitId);
        data.put("exit_id", exitId);
        if (exit.name() != null) {
            data.put("name", exit.name());
        }
        data.put("status", status.name());
        data.put("previous", previous.name());
        data.put("changed_at", at);
        data.put("egress", egress.toData());
        live.push(tenant, event, "exit", data);
        Optional<Alert> alert = Optional.empty();
        Optional<AlertLedger.Evacuation> running = alerts.evacuation(tenant, event).filter(AlertLedger.Evacuation::active);
        if (status == ExitStatus.BLOCKED && previous != ExitStatus.BLOCKED && running.isPresent()) {
            AlertRequest blocked = new AlertRequest(AlertLevel.ALERT, null, "Exit " + exitId + " blocked during evacuation",
                    null, "high");
            // for the evacuation's stop, whichever stop is in progress by now (one removed since: the one in progress)
            alert = Optional.of(raise(tenant, event, StopDoor.named(event, definition, running.get().stop())
                    .map(door -> blocked.at(door.stop().id())).orElse(blocked), actor, "exit"));
        }
        return new ExitChange(true, status, egress, alert);
    }

    // ---------- evacuation roll call ----------

    /**
     * A muster report: new (the guest is safe now) or a repeat (safe already, first report kept), in the evacuation of
     * {@code stop} (null: the event's first).
     */
    public record MusterResult(boolean recorded, MusterRoll.Mustered mustered, String evacuationId, String stop) {
    }

    /**
     * Marks a guest safe at a muster point for the evacuation the report belongs to: the active one for a live
     * report; for an offline upload, the one that was running at the report's time (it may have been cleared
     * since the kiosk came back online).
     */
    public MusterResult muster(String tenant, String event, String pointId, String guestId, long at, String actor) {
        EventDefinition definition = definition(tenant, event);
        if (definition.musterPoints().stream().noneMatch(p -> p.id().equals(pointId))) {
            throw new ApiException(Reason.NOT_FOUND, "No such muster point");
        }
        AlertLedger.Evacuation evacuation = alerts.evacuation(tenant, event).filter(e -> e.covers(at))
                .orElseThrow(() -> ApiException.field(Reason.VALIDATION_FAILED, "muster_point_id",
                        "No evacuation was in progress at that time"));
        if (events.guest(tenant, event, guestId).isEmpty()) {
            throw ApiException.field(Reason.NOT_FOUND, "guest_id", "No such guest");
        }
        MusterRoll.Mustered report = new MusterRoll.Mustered(guestId, pointId, at, actor);
        boolean recorded = musters.record(tenant, event, evacuation.id(), report);
        MusterRoll.Mustered first = recorded ? report : musters.mustered(tenant, event, evacuation.id()).get(guestId);
        // written from the first report, also for a repeat: a redelivered upload whose first attempt stored the guest
        // safe but was cut short (a timeout) before its audit entry completes it; an entry already there stays as is
        audit.append(tenant, new AuditLog.Entry("muster-" + evacuation.id() + "-" + guestId, event, "muster_checkin",
                first.actor(), guestId, first.at(), details("point_id", first.pointId(), "evacuation_id", evacuation.id(),
                "stop", evacuation.stop())));
        if (!recorded) {
            return new MusterResult(false, first, evacuation.id(), evacuation.stop());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("evacuation_id", evacuation.id());
        if (evacuation.stop() != null) {
            data.put("stop", evacuation.stop());
        }
        data.put("guest_id", guestId);
        data.put("point_id", pointId);
        data.put("at", at);
        data.put("status", "safe");
        EventContext context = placements.current(tenant, event);
        boolean seated = door(event, definition, evacuation.stop()).seated();
        events.guest(tenant, event, guestId).ifPresent(g -> data.putAll(RollEntry.of(g, context, seated).toData()));
        live.push(tenant, event, "muster", data);
        return new MusterResult(true, first, evacuation.id(), evacuation.stop());
    }

    /**
     * One guest on the roll call, as stewards need them and nothing more (SPEC §17): first name and last initial
     * (never the full last name), table label, zone letter, and whether they need assisted evacuation (pmr).
     */
    public record RollEntry(String guestId, String firstName, String lastInitial, String tableLabel, String zone,
                            boolean pmr) {

        /** pmr guests first (they need help to get out), then by zone (unplaced last), name and id. */
        public static final Comparator<RollEntry> ORDER = Comparator.comparing((RollEntry e) -> !e.pmr())
                .thenComparing(RollEntry::zone, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                .thenComparing(RollEntry::guestId);

        /** At a stop without seating (a ceremony) guests sit where they like: no table or zone to look for them at. */
        static RollEntry of(Guest guest, EventContext context, boolean seated) {
            if (!seated) {
                return new RollEntry(guest.id(), guest.firstName(), guest.lastInitial(), null, null, guest.needsAccessibleRoute());
            }
            EventContext.Placement placement = context.placementOf(guest);
            return new RollEntry(guest.id(), guest.firstName(), guest.lastInitial(),
                    placement.table() == null ? null : placement.table().label(),
                    placement.zone() == null ? null : placement.zone().letter(), guest.needsAccessibleRoute());
        }

        /** A guest checked in but no longer on the guest list: known by id only. */
        static RollEntry unknown(String guestId) {
            return new RollEntry(guestId, null, null, null, null, false);
        }

        public String name() {
            if (firstName == null) {
                return "";
            }
            return lastInitial == null || lastInitial.isEmpty() ? firstName : firstName + " " + lastInitial;
        }

        public Map<String, Object> toData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("guest_id", guestId);
            data.put("name", name());
            data.put("first_name", firstName);
            data.put("last_initial", lastInitial);
            data.put("table_label", tableLabel);
            data.put("zone", zone);
            data.put("pmr", pmr);
            return data;
        }
    }

    /**
     * The roll call of the current (or last) evacuation. Unaccounted = guests inside the evacuation's stop (checked in
     * there and not out now, undos excluded) not yet seen at a muster point, in {@link RollEntry#ORDER}; a guest
     * mustered without a door scan counts as safe, not as unaccounted. {@code stop}: the evacuation's stop when it is
     * not the event's first (null, as before stops, for the first and when no evacuation ran yet).
     */
    public record RollCall(String evacuationId, String stop, boolean active, Long startedAt, Long clearedAt, int inside,
                           int safe, Map<String, Integer> perPoint, List<RollEntry> unaccounted) {
    }

    public RollCall rollCall(String tenant, String event) {
        EventDefinition definition = definition(tenant, event);
        Optional<AlertLedger.Evacuation> evacuation = alerts.evacuation(tenant, event);
        String stop = evacuation.map(AlertLedger.Evacuation::stop).orElse(null);
        StopDoor door = door(event, definition, stop);
        Set<String> inside = new HashSet<>();
        // each stop has its own door (SPEC §16): the people inside are those checked in at the evacuation's stop, and a
        // guest who checked out is not in the building: the roll call looks only for guests inside now
        attendance.checkedIn(tenant, door.ledger()).stream().filter(guest -> !guest.out())
                .forEach(guest -> inside.add(guest.guestId()));
        Map<String, MusterRoll.Mustered> safe = evacuation.map(e -> musters.mustered(tenant, event, e.id())).orElse(Map.of());
        Map<String, Integer> perPoint = new TreeMap<>();
        definition.musterPoints().forEach(p -> perPoint.put(p.id(), 0));
        safe.values().forEach(m -> perPoint.merge(m.pointId(), 1, Integer::sum));
        List<String> missing = inside.stream().filter(g -> !safe.containsKey(g)).toList();
        List<RollEntry> unaccounted = List.of();
        if (!missing.isEmpty()) {
            // read now, not from the door's 30 s cache: a guest re-seated a moment ago must be looked for at the new table
            EventContext context = placements.fresh(tenant, event);
            Map<String, Guest> guests = new java.util.HashMap<>();
            events.guests(tenant, event).forEach(g -> guests.put(g.id(), g));
            unaccounted = missing.stream().map(id -> Optional.ofNullable(guests.get(id)).map(g -> RollEntry.of(g, context, door.seated()))
                    .orElseGet(() -> RollEntry.unknown(id))).sorted(RollEntry.ORDER).toList();
        }
        return new RollCall(evacuation.map(AlertLedger.Evacuation::id).orElse(null), stop,
                evacuation.map(AlertLedger.Evacuation::active).orElse(false),
                evacuation.map(AlertLedger.Evacuation::startedAt).orElse(null),
                evacuation.map(AlertLedger.Evacuation::clearedAt).orElse(null),
                inside.size(), safe.size(), perPoint, unaccounted);
    }

    /**
     * Bytes of roll-call entries per Ops Live message. API Gateway refuses WebSocket frames over 128 KB; a page
     * leaves room for the envelope ({@code type}, {@code seq}, counts), so 3 000 unaccounted guests (~ 330 KB)
     * go out as three or four pages, none of them trimmed.
     */
    static final int ROLL_CALL_PAGE_BYTES = 96 * 1024;

    /**
     * Pushes the whole roll call as {@code muster} messages with {@code roll_call: true}, paged under the frame
     * limit: every page carries the evacuation id, {@code page} (1-based), {@code pages}, the counts and its slice
     * of {@code unaccounted} (in roll-call order, so page 1 holds the pmr guests). A page reader replaces its list on
     * page 1 and appends the others. Failures are logged by the channel; the dashboard also reloads the roll call.
     */
    public int pushRollCall(String tenant, String event) {
        RollCall roll = rollCall(tenant, event);
        List<List<Map<String, Object>>> pages = pages(roll.unaccounted().stream().map(RollEntry::toData).toList(),
                ROLL_CALL_PAGE_BYTES);
        for (int i = 0; i < pages.size(); i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("evacuation_id", roll.evacuationId());
            if (roll.stop() != null) {
                data.put("stop", roll.stop());
            }
            data.put("roll_call", true);
            data.put("active", roll.active());
            data.put("page", i + 1);
            data.put("pages", pages.size());
            data.put("inside", roll.inside());
            data.put("safe", roll.safe());
            data.put("per_point", roll.perPoint());
            data.put("unaccounted_count", roll.unaccounted().size());
            data.put("unaccounted", pages.get(i));
            live.push(tenant, event, "muster", data);
        }
        return pages.size();
    }

    /** Splits entries into consecutive pages of at most {@code maxBytes} of JSON each (one page when empty). */
    static List<List<Map<String, Object>>> pages(List<Map<String, Object>> entries, int maxBytes) {
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        List<Map<String, Object>> page = new ArrayList<>();
        int bytes = 0;
        for (Map<String, Object> entry : entries) {
            int size = Json.write(entry).getBytes(StandardCharsets.UTF_8).length + 1;
            if (!page.isEmpty() && bytes + size > maxBytes) {
                pages.add(page);
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(entry);
            bytes += size;
        }
        pages.add(page);
        return pages;
    }

    // ---------- audit ----------

    /** A page of the event's audit trail (the event must exist in the caller's tenant: 404 otherwise). */
    public AuditLog.Page audit(String tenant, String event, long from, long to, int limit, Optional<String> after) {
        definition(tenant, event);
        return audit.page(tenant, event, from, to, limit, after);
    }

    /** A later stop's id; null for the event's first, whose alerts and messages name no stop (as before stops). */
    private static String later(EventDefinition definition, EventDefinition.Stop stop) {
        return definition.effectiveStops().getFirst().id().equals(stop.id()) ? null : stop.id();
    }

    /**
     * The door of an evacuation's stop (null: the first). A stop removed from the event since keeps its check-ins
     * under its own ledger key, so its roll call still finds the people inside.
     */
    private static StopDoor door(String event, EventDefinition definition, String stop) {
        return StopDoor.named(event, definition, stop).orElseGet(() -> new StopDoor(event,
                new EventDefinition.Stop(stop, null, null, null, null), StopDoor.laterStopLedger(event, stop)));
    }

    private EventDefinition definition(String tenant, String event) {
        return events.event(tenant, event).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
    }

    private static Map<String, String> details(String... pairs) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                details.put(pairs[i], pairs[i + 1]);
            }
        }
        return details;
    }
}
