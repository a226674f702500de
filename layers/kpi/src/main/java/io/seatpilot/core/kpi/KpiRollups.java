package io.seatpilot.core.kpi;

import com.fasterxml.jackson.core.type.TypeReference;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.http.TimeRange;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.kpi.KpiLedger.FactPartition;
import io.seatpilot.core.kpi.KpiLedger.Grain;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The KPI rollup of SPEC §10 over stored facts: the stream consumer files facts by event and minute
 * ({@link #record}), the scheduled rollup turns the minutes that changed into minute and hour windows
 * ({@link #rollUp}), and readers merge stored windows into any range ({@link #read}). Only sketches and counts are
 * kept per window, so an event's whole-day percentiles cost a merge of its hours, not a pass over its samples.
 */
public final class KpiRollups {

    /** The "now" tiles of Ops Live: percentiles over the last quarter of an hour. */
    public static final Duration RECENT = Duration.ofMinutes(15);
    /** What the alarms watch: the last five minutes. */
    public static final Duration ALARM_WINDOW = Duration.ofMinutes(5);

    /** The longest range one read covers: a month, well past any event's day (and its preparations). */
    public static final Duration MAX_READ_SPAN = Duration.ofDays(31);

    /** A day of minutes: the most windows one read answers. */
    public static final int MAX_WINDOWS = 1440;

    private static final long MINUTE = Grain.MINUTE.millis();
    private static final long HOUR = Grain.HOUR.millis();
    /** Minutes further apart than a fact reaches (a pair, plus its hour) are rolled up as separate spans. */
    private static final long SPAN_GAP = KpiRollup.SEAT_PAIR_WINDOW.toMillis() + HOUR;

    private final KpiLedger store;
    private final EventState eventState;
    private final Clock clock;

    KpiRollups(KpiLedger store, EventState eventState, Clock clock) {
        this.store = store;
        this.eventState = eventState;
        this.clock = clock;
    }

    /** One event rolled up: how many minutes were recomputed and the figures to push and to alarm on. */
    public record Rolled(String tenant, String event, int minutes, KpiSummary recent, KpiSummary lastFive, KpiSummary total,
                         Map<String, Object> state) {

        /**
         * The {@code kpi} message's data (SPEC §11): the recent window's figures, the event's, its state and the
         * reject ratio. The state's counts are as of the rollup, so the page keeps its live count (from check-in
         * messages) rather than step back to an older one.
         */
        public Map<String, Object> message() {
            Map<String, Object> data = new LinkedHashMap<>(fields(recent));
            data.put("window_minutes", RECENT.toMinutes());
            data.put("event_total", fields(total));
            data.put("event_state", state);
            if (state.get("ingest_5m") instanceof Map<?, ?> ingest && ingest.get("reject_ratio") != null) {
                data.put("reject_ratio_5m", ingest.get("reject_ratio"));
            }
            return data;
        }
    }

    /**
     * Files one stream batch's facts (the page id names the batch) and marks their minutes for the rollup. Ingest and
     * the door refuse implausible times already; a fact that still has one (stored before they did) is left out, so
     * it can never reach the minute registry.
     */
    public void record(String pageId, Collection<KpiFacts.Located> facts) {
        long now = clock.millis();
        Map<List<String>, List<KpiFact>> byEvent = facts.stream().filter(located -> ClientTimes.plausible(located.fact().tsMs(), now))
                .collect(Collectors.groupingBy(
                located -> List.of(located.tenant(), located.event()), Collectors.mapping(KpiFacts.Located::fact, Collectors.toList())));
        byEvent.forEach((tenantAndEvent, eventFacts) -> {
            String tenant = tenantAndEvent.get(0);
            String event = tenantAndEvent.get(1);
            store.putPages(tenant, event, pageId, eventFacts);
            // facts without an event wait in their pages until an event's rollup joins them through a session
            if (!KpiFacts.NO_EVENT.equals(event)) {
                store.markDirty(tenant, event, eventFacts.stream().map(f -> Grain.MINUTE.start(f.tsMs())).collect(Collectors.toSet()),
                        now);
            }
        });
    }

    /** The events, of every tenant, with facts not rolled up yet. */
    public List<KpiLedger.Dirty> pending() {
        return store.dirtyEvents();
    }

    /**
     * Recomputes the changed minutes of one event and every minute their facts can reach: a check-in pairs with
     * table arrivals up to {@link KpiRollup#SEAT_PAIR_WINDOW} later, so a late offline upload reopens the hour
     * after it (never beyond now). Then the hours those minutes belong to are merged again. Minutes far apart are
     * recomputed as separate spans, so the work follows the facts, not the distance between them; a minute no fact
     * may plausibly have (marked before its time was checked) is dropped unread.
     */
    public Rolled rollUp(KpiLedger.Dirty dirty) {
        long now = clock.millis();
        List<Long> plausible = dirty.minutes().stream().filter(minute -> ClientTimes.plausible(minute, now)).sorted().toList();
        int rolled = 0;
        int first = 0;
        for (int i = 1; i <= plausible.size(); i++) {
            if (i == plausible.size() || plausible.get(i) - plausible.get(i - 1) > SPAN_GAP) {
                rolled += rollUp(dirty.tenant(), dirty.event(), plausible.get(first), plausible.get(i - 1), now);
                first = i;
            }
        }
        store.clearDirty(dirty);
        return figures(dirty.tenant(), dirty.event(), rolled, now);
    }

    private int rollUp(String tenant, String event, long from, long latest, long now) {
        long to = Math.max(from + MINUTE, Math.min(latest + KpiRollup.SEAT_PAIR_WINDOW.toMillis() + MINUTE,
                Grain.MINUTE.start(now) + MINUTE));

        List<KpiFact> facts = new ArrayList<>(store.facts(tenant, event, FactPartition.CHECKINS, from - KpiRollup.LOOKBACK.toMillis(), to));
        facts.addAll(store.facts(tenant, event, FactPartition.FLOW, from - MINUTE, to));
        Set<String> sessions = facts.stream().flatMap(f -> f.sessionId().stream()).collect(Collectors.toCollection(HashSet::new));
        store.facts(tenant, KpiFacts.NO_EVENT, FactPartition.FLOW, from - MINUTE, to).stream()
                .filter(f -> f.sessionId().filter(sessions::contains).isPresent()).forEach(facts::add);

        List<KpiWindow> minutes = KpiRollup.minutes(facts, from, to);
        store.putWindows(tenant, event, Grain.MINUTE, minutes);
        Set<Long> hours = new TreeSet<>();
        for (long minute = Grain.HOUR.start(from); minute < to; minute += HOUR) {
            hours.add(minute);
        }
        store.putWindows(tenant, event, Grain.HOUR, hours.stream()
                .map(hour -> merge(hour, hour + HOUR, store.windows(tenant, event, Grain.MINUTE, hour, hour + HOUR)))
                .filter(hour -> hour.newestFactTsMs().isPresent()).toList());
        return minutes.size();
    }

    /**
     * The event's figures as Ops Live shows them now (the snapshot's {@code kpi}, as the last message had them),
     * without the event's state: the snapshot reads the counts, zones and exits itself, so the guest list is not
     * read twice.
     */
    public Map<String, Object> live(String tenant, String event) {
        long now = clock.millis();
        return figures(tenant, event, 0, now, eventState.ingestOnly(tenant, now)).message();
    }

    private Rolled figures(String tenant, String event, int minutesRolled, long now) {
        return figures(tenant, event, minutesRolled, now, eventState.read(tenant, event, now));
    }

    private Rolled figures(String tenant, String event, int minutesRolled, long now, Map<String, Object> state) {
        List<KpiWindow> recentMinutes = store.windows(tenant, event, Grain.MINUTE, now - RECENT.toMillis(), now + MINUTE);
        long fiveAgo = now - ALARM_WINDOW.toMillis();
        KpiWindow lastFive = merge(fiveAgo, now, recentMinutes.stream().filter(w -> w.toMs() > fiveAgo).toList());
        KpiWindow total = merge(0, now, store.windows(tenant, event, Grain.HOUR, 0, now + HOUR));
        return new Rolled(tenant, event, minutesRolled, KpiSummary.of(merge(now - RECENT.toMillis(), now, recentMinutes), now),
                KpiSummary.of(lastFive, now), KpiSummary.of(total, now), state);
    }

    /**
     * {@code GET …/kpis}: windows of {@code step} (default: one window) over {@code [from, to)} (default: the
     * event's first hour with facts until now, at most {@link #MAX_READ_SPAN}) and their total. Windows of whole hours read the hour windows,
     * any other step (a multiple of a minute) reads the minutes.
     */
    public Map<String, Object> read(String tenant, String event, Optional<Long> fromMs, Optional<Long> toMs, Optional<Long> stepMs) {
        long now = clock.millis();
        TimeRange range = TimeRange.of(fromMs, toMs, now, end -> store.windows(tenant, event, Grain.HOUR, 0, end).stream()
                .mapToLong(KpiWindow::fromMs).min().orElse(Grain.HOUR.start(end)), MAX_READ_SPAN);
        long from = range.from();
        long to = range.to();
        if (stepMs.filter(given -> given < MINUTE || given % MINUTE != 0 || given > MAX_READ_SPAN.toMillis()).isPresent()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "step", "step must be whole minutes, at most "
                    + MAX_READ_SPAN.toDays() + " days");
        }
        // without a step, the whole range is one window
        long step = stepMs.orElse(Math.max(1, range.span()));
        if ((range.span() + step - 1) / step > MAX_WINDOWS) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "step", "step gives more than " + MAX_WINDOWS + " windows");
        }
        // hour windows when every window is whole hours (the last may end at now: nothing is stored after it)
        boolean hourly = from % HOUR == 0 && (stepMs.isEmpty() || step % HOUR == 0) && (to % HOUR == 0 || to >= now);
        List<KpiWindow> stored = store.windows(tenant, event, hourly ? Grain.HOUR : Grain.MINUTE, from, to);
        List<KpiSummary> windows = new ArrayList<>();
        for (long start = from; start < to; start += step) {
            long windowFrom = start;
            long windowTo = Math.min(to, start + step);
            windows.add(KpiSummary.of(merge(windowFrom, windowTo, stored.stream()
                    .filter(w -> w.fromMs() >= windowFrom && w.fromMs() < windowTo).toList()), now));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", event);
        answer.put("from", from);
        answer.put("to", to);
        answer.put("step", step);
        answer.put("total", fields(KpiSummary.of(merge(from, to, stored), now)));
        answer.put("windows", windows.stream().map(KpiRollups::fields).toList());
        answer.put("now", eventState.read(tenant, event, now));
        return answer;
    }

    private static Map<String, Object> fields(KpiSummary summary) {
        return Json.MAPPER.convertValue(summary, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private static KpiWindow merge(long from, long to, List<KpiWindow> windows) {
        KpiWindow merged = KpiWindow.empty(from, to);
        for (KpiWindow window : windows) {
            merged = merged.plus(window);
        }
        return merged.spanning(from, to);
    }
}
