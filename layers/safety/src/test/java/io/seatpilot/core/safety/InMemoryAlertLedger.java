package io.seatpilot.core.safety;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link AlertStore}'s conditions over maps: each step of an alert succeeds once. */
public final class InMemoryAlertLedger implements AlertLedger {

    private final Map<String, Alert> alerts = new HashMap<>();
    private final Set<String> pushed = new HashSet<>();
    private final Map<String, Evacuation> evacuations = new HashMap<>();

    private static String key(String tenant, String event, String alertId) {
        return tenant + "|" + event + "|" + alertId;
    }

    @Override
    public boolean create(String tenant, Alert alert) {
        return alerts.putIfAbsent(key(tenant, alert.event(), alert.alertId()), alert) == null;
    }

    @Override
    public Optional<Alert> find(String tenant, String event, String alertId) {
        return Optional.ofNullable(alerts.get(key(tenant, event, alertId)));
    }

    @Override
    public List<Alert> all(String tenant, String event) {
        String prefix = tenant + "|" + event + "|";
        return alerts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .sorted(Comparator.comparingLong(Alert::raisedAt).thenComparing(Alert::alertId)).toList();
    }

    @Override
    public Optional<Alert> acknowledge(String tenant, String event, String alertId, String actor, long at) {
        return find(tenant, event, alertId).filter(a -> !a.acknowledged() && a.open() && a.level() != AlertLevel.CLEAR)
                .map(a -> put(tenant, new Alert(a.alertId(), a.event(), a.level(), a.zone(), a.stop(), a.message(), a.template(),
                        a.severity(), a.source(), a.raisedBy(), a.raisedAt(), actor, at, a.escalatedAt(), a.clearedAt())));
    }

    @Override
    public Optional<Alert> escalate(String tenant, String event, String alertId, long at) {
        Optional<Alert> found = find(tenant, event, alertId);
        Optional<Alert> won = found.filter(a -> !a.acknowledged() && a.open() && !a.escalated() && a.level() != AlertLevel.CLEAR)
                .map(a -> put(tenant, new Alert(a.alertId(), a.event(), a.level(), a.zone(), a.stop(), a.message(), a.template(),
                        a.severity(), a.source(), a.raisedBy(), a.raisedAt(), a.ackedBy(), a.ackedAt(), at, a.clearedAt())));
        if (won.isPresent()) {
            return won;
        }
        return found.filter(a -> a.escalated() && !pushed.contains(key(tenant, event, alertId)));
    }

    @Override
    public void escalationPushed(String tenant, String event, String alertId) {
        if (alerts.containsKey(key(tenant, event, alertId))) {
            pushed.add(key(tenant, event, alertId));
        }
    }

    @Override
    public Optional<Alert> clear(String tenant, String event, String alertId, long at) {
        return find(tenant, event, alertId).filter(a -> a.open() && a.level() != AlertLevel.CLEAR)
                .map(a -> put(tenant, new Alert(a.alertId(), a.event(), a.level(), a.zone(), a.stop(), a.message(), a.template(),
                        a.severity(), a.source(), a.raisedBy(), a.raisedAt(), a.ackedBy(), a.ackedAt(), a.escalatedAt(), at)));
    }

    @Override
    public Evacuation startEvacuation(String tenant, String event, String alertId, String stop, long at) {
        return evacuations.compute(tenant + "|" + event, (k, current) -> current == null || !current.active()
                ? new Evacuation(alertId, stop, at, null) : current);
    }

    @Override
    public Optional<Evacuation> endEvacuation(String tenant, String event, long at) {
        Evacuation current = evacuations.get(tenant + "|" + event);
        if (current == null || !current.active()) {
            return Optional.empty();
        }
        Evacuation ended = new Evacuation(current.id(), current.stop(), current.startedAt(), at);
        evacuations.put(tenant + "|" + event, ended);
        return Optional.of(ended);
    }

    @Override
    public Optional<Evacuation> evacuation(String tenant, String event) {
        return Optional.ofNullable(evacuations.get(tenant + "|" + event));
    }

    private Alert put(String tenant, Alert alert) {
        alerts.put(key(tenant, alert.event(), alert.alertId()), alert);
        return alert;
    }
}
