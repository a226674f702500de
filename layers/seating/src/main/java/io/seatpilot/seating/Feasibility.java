package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The necessary conditions checked before any search, each naming the guests and tables that block. When one
 * fails no plan exists; when all hold, a plan usually exists but is not proven to (see README: guarantees).
 */
final class Feasibility {

    private final SeatingProblem problem;
    private final Map<String, String> locks = new HashMap<>();
    private final Set<String> apartPairs = new HashSet<>();
    private final int largest;
    private final List<String> reasons = new ArrayList<>();

    Feasibility(SeatingProblem problem) {
        this.problem = problem;
        problem.locks().forEach(l -> locks.put(l.guest(), l.table()));
        problem.mustApart().forEach(p -> apartPairs.add(pairKey(p.get(0), p.get(1))));
        this.largest = Problems.largestCapacity(problem);
    }

    List<String> reasons() {
        return reasons;
    }

    /** The units of one household: itself when it fits at the largest table, else its fewest-tables chunks. */
    List<int[]> unitsOf(String household, List<Guest> guests, Map<String, Integer> guestIndex) {
        List<List<Guest>> chunks = new ArrayList<>();
        if (guests.size() <= largest) {
            chunks.add(guests);
        } else {
            int tables = Problems.fewestTables(problem, guests.size());
            if (tables == Integer.MAX_VALUE) {
                reasons.add("household " + household + " has " + guests.size() + " members but all tables together seat "
                        + problem.tables().stream().mapToInt(Table::capacity).sum());
                return List.of();
            }
            List<Guest> ordered = guests.stream().sorted(Model.splitOrder(locks)).toList();
            for (int i = 0; i < tables; i++) {
                chunks.add(ordered.subList(i * ordered.size() / tables, (i + 1) * ordered.size() / tables));
            }
        }
        List<int[]> units = new ArrayList<>();
        for (List<Guest> chunk : chunks) {
            checkTogether(household, chunk, guests.size() > largest);
            units.add(chunk.stream().mapToInt(g -> guestIndex.get(g.id())).toArray());
        }
        return units;
    }

    private void checkTogether(String household, List<Guest> chunk, boolean split) {
        String together = split ? "the part of split household " + household : "household " + household;
        Set<String> lockTables = chunk.stream().map(g -> locks.get(g.id())).filter(t -> t != null)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (lockTables.size() > 1) {
            reasons.add(together + " must sit together, but its members are locked to different tables "
                    + lockTables + ": " + lockedMembers(chunk));
        }
        for (int i = 0; i < chunk.size(); i++) {
            for (int j = i + 1; j < chunk.size(); j++) {
                if (apartPairs.contains(pairKey(chunk.get(i).id(), chunk.get(j).id()))) {
                    reasons.add("guests " + chunk.get(i).id() + " and " + chunk.get(j).id() + " must be apart, but "
                            + together + " they belong to must sit together");
                }
            }
        }
    }

    private String lockedMembers(List<Guest> chunk) {
        return chunk.stream().filter(g -> locks.containsKey(g.id()))
                .map(g -> g.id() + " → " + locks.get(g.id())).collect(Collectors.joining(", "));
    }

    /** Conditions over all units: seats overall, accessible seats, locked seats per table, locks against rules. */
    List<String> checkUnits(Model m) {
        List<String> found = new ArrayList<>();
        int seats = 0;
        int accessibleSeats = 0;
        int largestAccessible = 0;
        for (int t = 0; t < m.tables(); t++) {
            seats += m.capacity[t];
            if (m.accessible[t]) {
                accessibleSeats += m.capacity[t];
                largestAccessible = Math.max(largestAccessible, m.capacity[t]);
            }
        }
        if (m.guestIds.length > seats) {
            found.add(m.guestIds.length + " guests but all tables together seat only " + seats);
        }
        int needingAccess = 0;
        List<String> pmrUnits = new ArrayList<>();
        int[] lockedSeats = new int[m.tables()];
        for (int u = 0; u < m.units(); u++) {
            if (m.needsAccessible[u]) {
                needingAccess += m.size[u];
                pmrUnits.add(describe(m, u));
                if (m.size[u] > largestAccessible) {
                    found.add(describe(m, u) + " needs an accessible table for " + m.size[u] + " but the largest "
                            + "accessible table seats " + largestAccessible);
                }
            }
            int lock = m.lockedTable[u];
            if (lock >= 0) {
                lockedSeats[lock] += m.size[u];
                if (m.needsAccessible[u] && !m.accessible[lock]) {
                    found.add(describe(m, u) + " needs an accessible table but is locked to " + m.tableIds[lock]
                            + ", which is not accessible");
                }
                for (int v : m.apart[u]) {
                    if (v > u && m.lockedTable[v] == lock) {
                        found.add(apartPair(m, u, v) + " must be apart, but both are locked to " + m.tableIds[lock]);
                    }
                }
            }
        }
        if (needingAccess > accessibleSeats) {
            found.add(needingAccess + " guests must sit at accessible tables (pmr guests with their households: "
                    + String.join("; ", pmrUnits) + ") but the accessible tables "
                    + accessibleTables(m) + " seat only " + accessibleSeats);
        }
        for (int t = 0; t < m.tables(); t++) {
            if (lockedSeats[t] > m.capacity[t]) {
                found.add(lockedSeats[t] + " guests are locked to " + m.tableIds[t] + " (with their households) but it "
                        + "seats " + m.capacity[t]);
            }
        }
        return found;
    }

    private static String accessibleTables(Model m) {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < m.tables(); t++) {
            if (m.accessible[t]) {
                ids.add(m.tableIds[t]);
            }
        }
        return ids.isEmpty() ? "(none)" : String.join(", ", ids);
    }

    /** Names the guests the planner acts on: those with the lock or the pmr tag, else the whole unit. */
    private static String describe(Model m, int u) {
        String guests = java.util.Arrays.stream(m.members[u]).mapToObj(g -> m.guestIds[g])
                .collect(Collectors.joining(", "));
        return m.size[u] == 1 ? "guest " + guests : "household of " + guests;
    }

    private static String apartPair(Model m, int u, int v) {
        String a = null;
        String b = null;
        for (List<String> pair : m.problem.mustApart()) {
            Set<String> inU = java.util.Arrays.stream(m.members[u]).mapToObj(g -> m.guestIds[g]).collect(Collectors.toSet());
            Set<String> inV = java.util.Arrays.stream(m.members[v]).mapToObj(g -> m.guestIds[g]).collect(Collectors.toSet());
            if (inU.contains(pair.get(0)) && inV.contains(pair.get(1)) || inV.contains(pair.get(0)) && inU.contains(pair.get(1))) {
                a = pair.get(0);
                b = pair.get(1);
            }
        }
        return "guests " + a + " and " + b;
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }
}
