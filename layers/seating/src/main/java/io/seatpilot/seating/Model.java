package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The problem compiled into arrays for the search. Guests that must sit together become one "unit": a household
 * that fits at the largest table, or one of the fewest-tables chunks of a household that does not. Moving units
 * instead of guests keeps the household rule true by construction, so the search only has to guard capacity,
 * locks, accessibility and {@code must_apart}.
 */
final class Model {

    final SeatingProblem problem;
    final String[] tableIds;
    final int[] capacity;
    final boolean[] accessible;
    final boolean[] showcase;
    final String[] guestIds;
    final int[][] members;
    final int[] size;
    final boolean[] needsAccessible;
    final int[] lockedTable;
    final int[] vipCount;
    final int[][] related;
    final int[][] relatedWeight;
    final int[][] apart;
    final int[] withCurrent;
    final int[][] currentTables;
    final int[][] currentCounts;
    final int vipWeight;
    final int moveWeight;

    private Model(SeatingProblem problem, List<int[]> units, Map<String, Integer> guestIndex,
                  Map<String, Integer> tableIndex) {
        this.problem = problem;
        int tableCount = problem.tables().size();
        tableIds = new String[tableCount];
        capacity = new int[tableCount];
        accessible = new boolean[tableCount];
        showcase = new boolean[tableCount];
        for (int t = 0; t < tableCount; t++) {
            Table table = problem.tables().get(t);
            tableIds[t] = table.id();
            capacity[t] = table.capacity();
            accessible[t] = table.accessible();
            showcase[t] = table.showcase();
        }
        guestIds = problem.guests().stream().map(Guest::id).toArray(String[]::new);
        int unitCount = units.size();
        members = units.toArray(int[][]::new);
        size = new int[unitCount];
        needsAccessible = new boolean[unitCount];
        lockedTable = new int[unitCount];
        vipCount = new int[unitCount];
        withCurrent = new int[unitCount];
        currentTables = new int[unitCount][];
        currentCounts = new int[unitCount][];
        int[] unitOfGuest = new int[guestIds.length];
        Map<String, String> locks = new HashMap<>();
        problem.locks().forEach(l -> locks.put(l.guest(), l.table()));
        for (int u = 0; u < unitCount; u++) {
            size[u] = members[u].length;
            lockedTable[u] = -1;
            TreeMap<Integer, Integer> previous = new TreeMap<>();
            for (int g : members[u]) {
                unitOfGuest[g] = u;
                Guest guest = problem.guests().get(g);
                needsAccessible[u] |= guest.pmr();
                vipCount[u] += guest.vip() ? 1 : 0;
                String lock = locks.get(guest.id());
                if (lock != null) {
                    lockedTable[u] = tableIndex.get(lock);
                }
                Integer before = tableIndex.get(problem.current().get(guest.id()));
                if (before != null) {
                    previous.merge(before, 1, Integer::sum);
                    withCurrent[u]++;
                }
            }
            currentTables[u] = previous.keySet().stream().mapToInt(Integer::intValue).toArray();
            currentCounts[u] = previous.values().stream().mapToInt(Integer::intValue).toArray();
        }
        List<Map<Integer, Integer>> weights = new ArrayList<>();
        List<Set<Integer>> apartSets = new ArrayList<>();
        for (int u = 0; u < unitCount; u++) {
            weights.add(new LinkedHashMap<>());
            apartSets.add(new HashSet<>());
        }
        for (Relation r : problem.relations()) {
            int ua = unitOfGuest[guestIndex.get(r.a())];
            int ub = unitOfGuest[guestIndex.get(r.b())];
            if (ua != ub) {
                weights.get(ua).merge(ub, r.weight(), Integer::sum);
                weights.get(ub).merge(ua, r.weight(), Integer::sum);
            }
        }
        for (List<String> pair : problem.mustApart()) {
            int ua = unitOfGuest[guestIndex.get(pair.get(0))];
            int ub = unitOfGuest[guestIndex.get(pair.get(1))];
            apartSets.get(ua).add(ub);
            apartSets.get(ub).add(ua);
        }
        related = new int[unitCount][];
        relatedWeight = new int[unitCount][];
        apart = new int[unitCount][];
        for (int u = 0; u < unitCount; u++) {
            related[u] = weights.get(u).keySet().stream().mapToInt(Integer::intValue).toArray();
            relatedWeight[u] = weights.get(u).values().stream().mapToInt(Integer::intValue).toArray();
            apart[u] = apartSets.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        vipWeight = problem.weights().vip();
        moveWeight = problem.weights().move();
    }

    int units() {
        return members.length;
    }

    int tables() {
        return tableIds.length;
    }

    /** The move penalty of unit {@code u} sitting at table {@code t}. */
    int moveCost(int u, int t) {
        int staying = 0;
        for (int i = 0; i < currentTables[u].length; i++) {
            if (currentTables[u][i] == t) {
                staying = currentCounts[u][i];
            }
        }
        return moveWeight * (withCurrent[u] - staying);
    }

    /** The table where most of unit {@code u}'s guests sat in {@code current}, or -1 when none of them did. */
    int previousTable(int u) {
        int table = -1;
        int most = 0;
        for (int i = 0; i < currentTables[u].length; i++) {
            if (currentCounts[u][i] > most) {
                most = currentCounts[u][i];
                table = currentTables[u][i];
            }
        }
        return table;
    }

    /** The part of the canonical score that depends on unit {@code u}'s table alone. */
    long placementValue(int u, int t) {
        return (showcase[t] ? (long) vipWeight * vipCount[u] : 0) - moveCost(u, t);
    }

    boolean allowedAt(int u, int t) {
        return (lockedTable[u] < 0 || lockedTable[u] == t) && (!needsAccessible[u] || accessible[t])
                && size[u] <= capacity[t];
    }

    /** Compiles the problem, or names every constraint that makes it infeasible before any search. */
    static Compilation compile(SeatingProblem problem) {
        Map<String, Integer> guestIndex = indexGuests(problem);
        Map<String, Integer> tableIndex = new HashMap<>();
        for (int t = 0; t < problem.tables().size(); t++) {
            if (tableIndex.put(problem.tables().get(t).id(), t) != null) {
                throw new InvalidProblemException("table " + problem.tables().get(t).id() + " appears twice");
            }
            if (problem.tables().get(t).capacity() < 1) {
                throw new InvalidProblemException("table " + problem.tables().get(t).id() + " has no seat");
            }
        }
        checkReferences(problem, guestIndex, tableIndex);
        Feasibility feasibility = new Feasibility(problem);
        List<int[]> units = new ArrayList<>();
        Problems.households(problem).forEach((household, guests) ->
                units.addAll(feasibility.unitsOf(household, guests, guestIndex)));
        if (!feasibility.reasons().isEmpty()) {
            return new Compilation.Blocked(feasibility.reasons());
        }
        Model model = new Model(problem, units, guestIndex, tableIndex);
        List<String> reasons = feasibility.checkUnits(model);
        return reasons.isEmpty() ? new Compilation.Ready(model) : new Compilation.Blocked(reasons);
    }

    private static Map<String, Integer> indexGuests(SeatingProblem problem) {
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < problem.guests().size(); g++) {
            if (index.put(problem.guests().get(g).id(), g) != null) {
                throw new InvalidProblemException("guest " + problem.guests().get(g).id() + " appears twice");
            }
        }
        return index;
    }

    private static void checkReferences(SeatingProblem problem, Map<String, Integer> guests, Map<String, Integer> tables) {
        for (Relation r : problem.relations()) {
            requireGuest(guests, r.a(), "relation");
            requireGuest(guests, r.b(), "relation");
        }
        for (List<String> pair : problem.mustApart()) {
            if (pair.size() != 2) {
                throw new InvalidProblemException("must_apart entries are pairs of guest ids");
            }
            pair.forEach(id -> requireGuest(guests, id, "must_apart"));
        }
        Set<String> locked = new HashSet<>();
        for (Lock lock : problem.locks()) {
            requireGuest(guests, lock.guest(), "lock");
            if (!tables.containsKey(lock.table())) {
                throw new InvalidProblemException("lock of guest " + lock.guest() + " names unknown table " + lock.table());
            }
            if (!locked.add(lock.guest())) {
                throw new InvalidProblemException("guest " + lock.guest() + " is locked twice");
            }
        }
    }

    private static void requireGuest(Map<String, Integer> guests, String id, String where) {
        if (!guests.containsKey(id)) {
            throw new InvalidProblemException(where + " names unknown guest " + id);
        }
    }

    /** Orders a split household so locked members share chunks with their table-mates and pmr members come next. */
    static Comparator<Guest> splitOrder(Map<String, String> locks) {
        return Comparator.comparing((Guest g) -> locks.getOrDefault(g.id(), "\uffff")).thenComparing(g -> !g.pmr());
    }

    sealed interface Compilation permits Compilation.Ready, Compilation.Blocked {
        record Ready(Model model) implements Compilation {
        }

        record Blocked(List<String> reasons) implements Compilation {
        }
    }
}
