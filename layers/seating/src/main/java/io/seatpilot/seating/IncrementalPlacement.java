package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seats new guests (walk-ins) into a plan that must not move: every guest already seated keeps their table, so
 * nobody at the door is sent to a different table than their pass says. Each new household is one group, placed
 * hardest first (pmr, then larger) at the allowed table where it adds most to the canonical score; among equal
 * tables it keeps accessible seats for those who need them, then fills evenly (the table with most seats left).
 * One pass over the tables per group, no search: the answer is deterministic and costs microseconds, where a
 * re-solve of 3 000 guests costs seconds and may move people already seated.
 */
final class IncrementalPlacement {

    private final SeatingProblem problem;
    private final List<Table> tables;
    private final Map<String, Integer> seated = new HashMap<>();
    private final Map<String, String> tableOf;
    private final Map<String, String> locks = new HashMap<>();
    private final Map<String, Set<String>> apart = new HashMap<>();
    private final Map<String, Map<String, Integer>> wishes = new HashMap<>();

    IncrementalPlacement(SeatingProblem problem, Map<String, String> fixed) {
        this.problem = problem;
        this.tables = problem.tables();
        this.tableOf = new HashMap<>();
        Set<String> tableIds = new HashSet<>();
        tables.forEach(t -> tableIds.add(t.id()));
        for (Guest g : problem.guests()) {
            String table = fixed.get(g.id());
            if (table != null && tableIds.contains(table)) {
                tableOf.put(g.id(), table);
                seated.merge(table, 1, Integer::sum);
            }
        }
        problem.locks().forEach(l -> locks.put(l.guest(), l.table()));
        for (List<String> pair : problem.mustApart()) {
            apart.computeIfAbsent(pair.get(0), k -> new HashSet<>()).add(pair.get(1));
            apart.computeIfAbsent(pair.get(1), k -> new HashSet<>()).add(pair.get(0));
        }
        for (Relation r : problem.relations()) {
            wishes.computeIfAbsent(r.a(), k -> new HashMap<>()).merge(r.b(), r.weight(), Integer::sum);
            wishes.computeIfAbsent(r.b(), k -> new HashMap<>()).merge(r.a(), r.weight(), Integer::sum);
        }
    }

    Placement place() {
        Map<String, List<Guest>> groups = new LinkedHashMap<>();
        for (Guest g : problem.guests()) {
            if (!tableOf.containsKey(g.id())) {
                groups.computeIfAbsent(g.householdKey(), k -> new ArrayList<>()).add(g);
            }
        }
        List<List<Guest>> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.<List<Guest>>comparingInt(group -> needsAccessible(group) ? 0 : 1)
                .thenComparingInt(group -> -group.size()));
        Map<String, String> placed = new LinkedHashMap<>();
        List<String> blocked = new ArrayList<>();
        for (List<Guest> group : ordered) {
            Table best = best(group);
            if (best == null) {
                blocked.add(why(group));
                continue;
            }
            for (Guest g : group) {
                tableOf.put(g.id(), best.id());
                placed.put(g.id(), best.id());
            }
            seated.merge(best.id(), group.size(), Integer::sum);
        }
        return blocked.isEmpty() ? new Placement.Placed(placed) : new Placement.Blocked(blocked);
    }

    private Table best(List<Guest> group) {
        boolean accessibleNeeded = needsAccessible(group);
        String locked = group.stream().map(g -> locks.get(g.id())).filter(t -> t != null).findFirst().orElse(null);
        Table best = null;
        long bestValue = Long.MIN_VALUE;
        for (Table t : tables) {
            if (!allowed(group, t, accessibleNeeded, locked)) {
                continue;
            }
            long value = value(group, t);
            if (best == null || value > bestValue || value == bestValue && better(t, best, accessibleNeeded)) {
                best = t;
                bestValue = value;
            }
        }
        return best;
    }

    private boolean allowed(List<Guest> group, Table t, boolean accessibleNeeded, String locked) {
        if (locked != null && !locked.equals(t.id()) || accessibleNeeded && !t.accessible() || free(t) < group.size()) {
            return false;
        }
        for (Guest g : group) {
            for (String other : apart.getOrDefault(g.id(), Set.of())) {
                if (t.id().equals(tableOf.get(other))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The group's part of the canonical score at {@code t}: wishes towards guests seated there, and the VIP bonus. */
    private long value(List<Guest> group, Table t) {
        long value = 0;
        for (Guest g : group) {
            for (var wish : wishes.getOrDefault(g.id(), Map.of()).entrySet()) {
                if (t.id().equals(tableOf.get(wish.getKey()))) {
                    value += wish.getValue();
                }
            }
            if (g.vip() && t.showcase()) {
                value += problem.weights().vip();
            }
        }
        return value;
    }

    /** Between tables of equal value: accessible seats stay free for pmr guests still to come, then the emptier. */
    private boolean better(Table candidate, Table best, boolean accessibleNeeded) {
        if (!accessibleNeeded && candidate.accessible() != best.accessible()) {
            return !candidate.accessible();
        }
        return free(candidate) > free(best);
    }

    private int free(Table t) {
        return t.capacity() - seated.getOrDefault(t.id(), 0);
    }

    private static boolean needsAccessible(List<Guest> group) {
        return group.stream().anyMatch(Guest::pmr);
    }

    private String why(List<Guest> group) {
        StringBuilder why = new StringBuilder("no table has ").append(group.size())
                .append(group.size() == 1 ? " free seat" : " free seats together").append(" for ")
                .append(String.join(", ", group.stream().map(Guest::id).toList()));
        if (needsAccessible(group)) {
            why.append(" at an accessible table");
        }
        if (group.stream().anyMatch(g -> apart.containsKey(g.id()))) {
            why.append(" away from the guests they must be apart from");
        }
        return why.toString();
    }
}
