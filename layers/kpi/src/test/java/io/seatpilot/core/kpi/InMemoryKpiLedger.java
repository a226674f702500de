package io.seatpilot.core.kpi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link KpiStore}'s ledger over maps: a page per batch, partition and minute (a retried batch rewrites its own),
 * facts read once by id, dirty minutes with a version, and windows by start.
 */
final class InMemoryKpiLedger implements KpiLedger {

    private record PageKey(String tenant, String event, FactPartition partition, long minute, String pageId) {
    }

    private record Marks(Set<Long> minutes, long version) {
    }

    private final Map<PageKey, List<KpiFact>> pages = new LinkedHashMap<>();
    private final Map<List<String>, Marks> dirty = new LinkedHashMap<>();
    private final Map<List<String>, TreeMap<Long, KpiWindow>> windows = new HashMap<>();

    @Override
    public void putPages(String tenant, String event, String pageId, Collection<KpiFact> facts) {
        Map<PageKey, List<KpiFact>> batch = new LinkedHashMap<>();
        for (KpiFact fact : facts) {
            batch.computeIfAbsent(new PageKey(tenant, event, FactPartition.of(fact), Grain.MINUTE.start(fact.tsMs()), pageId),
                    k -> new ArrayList<>()).add(fact);
        }
        pages.putAll(batch);
    }

    @Override
    public Collection<KpiFact> facts(String tenant, String event, FactPartition partition, long fromMs, long toMs) {
        Map<String, KpiFact> byId = new HashMap<>();
        pages.forEach((key, facts) -> {
            if (key.tenant().equals(tenant) && key.event().equals(event) && key.partition() == partition
                    && key.minute() >= Grain.MINUTE.start(fromMs) && key.minute() < toMs) {
                facts.forEach(fact -> byId.putIfAbsent(fact.eventId(), fact));
            }
        });
        return byId.values();
    }

    @Override
    public void markDirty(String tenant, String event, Set<Long> minutes, long nowMs) {
        dirty.compute(List.of(tenant, event), (k, marks) -> {
            Set<Long> all = new HashSet<>(minutes);
            if (marks != null) {
                all.addAll(marks.minutes());
            }
            return new Marks(all, marks == null ? 1 : marks.version() + 1);
        });
    }

    @Override
    public List<Dirty> dirtyEvents() {
        List<Dirty> events = new ArrayList<>();
        dirty.forEach((key, marks) -> {
            if (!marks.minutes().isEmpty()) {
                events.add(new Dirty(key.get(0), key.get(1), Set.copyOf(marks.minutes()), marks.version()));
            }
        });
        return events;
    }

    @Override
    public boolean clearDirty(Dirty rolled) {
        Marks marks = dirty.get(List.of(rolled.tenant(), rolled.event()));
        if (marks == null || marks.version() != rolled.version()) {
            return false;
        }
        Set<Long> left = new HashSet<>(marks.minutes());
        left.removeAll(rolled.minutes());
        dirty.put(List.of(rolled.tenant(), rolled.event()), new Marks(left, marks.version()));
        return true;
    }

    @Override
    public void putWindows(String tenant, String event, Grain grain, Collection<KpiWindow> rolled) {
        TreeMap<Long, KpiWindow> stored = windows.computeIfAbsent(List.of(tenant, event, grain.name()), k -> new TreeMap<>());
        rolled.forEach(window -> stored.put(window.fromMs(), window));
    }

    @Override
    public List<KpiWindow> windows(String tenant, String event, Grain grain, long fromMs, long toMs) {
        TreeMap<Long, KpiWindow> stored = windows.getOrDefault(List.of(tenant, event, grain.name()), new TreeMap<>());
        return fromMs >= toMs ? List.of() : List.copyOf(stored.subMap(fromMs, toMs).values());
    }
}
