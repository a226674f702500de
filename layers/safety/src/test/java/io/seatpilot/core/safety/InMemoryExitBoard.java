package io.seatpilot.core.safety;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ExitStore}'s rule over a map: a newer report that changes the status wins, anything else is ignored. */
public final class InMemoryExitBoard implements ExitBoard {

    private record Report(ExitStatus status, long at) {
    }

    private final Map<String, Map<String, Report>> reports = new HashMap<>();

    @Override
    public Write set(String tenant, String event, String exitId, ExitStatus status, long at, String actor) {
        Map<String, Report> exits = reports.computeIfAbsent(tenant + "|" + event, k -> new HashMap<>());
        Report stored = exits.get(exitId);
        if (stored != null && (stored.at() >= at || stored.status() == status)) {
            return new Write.Ignored();
        }
        exits.put(exitId, new Report(status, at));
        return new Write.Applied(Optional.ofNullable(stored).map(Report::status));
    }

    @Override
    public Map<String, ExitStatus> statuses(String tenant, String event) {
        Map<String, ExitStatus> statuses = new HashMap<>();
        reports.getOrDefault(tenant + "|" + event, Map.of()).forEach((exit, report) -> statuses.put(exit, report.status()));
        return statuses;
    }
}
