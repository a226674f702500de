package io.seatpilot.seating;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Builds the first complete plan. Locked units go first, then units keeping their table of the current plan
 * (re-planning), then the hardest to place (pmr, many must_apart partners, large households), each to the
 * allowed table where it adds most to the score (ties: the emptiest).
 * A unit that fits nowhere starts an ejection chain: it takes the table that needs the fewest seats freed,
 * and the units it displaces are placed again the same way, with a short tabu so that chains do not cycle.
 */
final class Construction {

    private static final int TABU_TENURE = 7;

    private final Seating s;
    private final Model m;
    private final SplittableRandom random;
    private final long deadlineNanos;

    Construction(Seating seating, SplittableRandom random, long deadlineNanos) {
        this.s = seating;
        this.m = seating.m;
        this.random = random;
        this.deadlineNanos = deadlineNanos;
    }

    /** Places every unit, or answers the units left unplaced when the ejection budget or time ran out. */
    List<Integer> build() {
        Integer[] order = IntStream.range(0, m.units()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(u -> m.lockedTable[u] >= 0 ? 0 : 1)
                .thenComparingInt(u -> m.needsAccessible[u] ? 0 : 1)
                .thenComparingInt(u -> -m.apart[u].length)
                .thenComparingInt(u -> -m.size[u])
                .thenComparingInt(u -> u));
        // Locked units take their table, and when re-planning every other unit first keeps its previous table if
        // it still may: the search then moves a guest only where that gains more than the move penalty, however
        // few steps it gets, instead of undoing a greedy reshuffle.
        for (int u : order) {
            int kept = m.lockedTable[u] >= 0 ? m.lockedTable[u] : m.previousTable(u);
            if (kept >= 0 && m.allowedAt(u, kept) && s.fits(u, kept) && s.apartFree(u, kept, -1)) {
                s.move(u, kept);
            }
        }
        Deque<Integer> unplaced = new ArrayDeque<>();
        for (int u : order) {
            if (s.tableOf[u] < 0 && !placeBest(u)) {
                unplaced.add(u);
            }
        }
        return repair(unplaced);
    }

    private boolean placeBest(int u) {
        int best = -1;
        long bestDelta = Long.MIN_VALUE;
        for (int t = 0; t < m.tables(); t++) {
            if (m.allowedAt(u, t) && s.fits(u, t) && s.apartFree(u, t, -1)) {
                long delta = s.moveDelta(u, t);
                if (delta > bestDelta) {
                    bestDelta = delta;
                    best = t;
                }
            }
        }
        if (best < 0) {
            return false;
        }
        s.move(u, best);
        return true;
    }

    private List<Integer> repair(Deque<Integer> unplaced) {
        long[] tabuUntil = new long[m.units()];
        long budget = 200L * m.units() + 1_000;
        for (long step = 0; !unplaced.isEmpty() && step < budget; step++) {
            if ((step & 63) == 0 && System.nanoTime() > deadlineNanos) {
                break;
            }
            int u = unplaced.poll();
            if (placeBest(u)) {
                continue;
            }
            int table = cheapestEjection(u, tabuUntil, step);
            if (table < 0) {
                unplaced.add(u);
                continue;
            }
            for (int victim : victims(u, table, tabuUntil, step)) {
                s.unplace(victim);
                unplaced.add(victim);
            }
            s.move(u, table);
            tabuUntil[u] = step + TABU_TENURE;
        }
        return List.copyOf(unplaced);
    }

    private int cheapestEjection(int u, long[] tabuUntil, long step) {
        int best = -1;
        double bestCost = Double.MAX_VALUE;
        for (int t = 0; t < m.tables(); t++) {
            if (!m.allowedAt(u, t)) {
                continue;
            }
            int[] victims = victims(u, t, tabuUntil, step);
            if (victims == null) {
                continue;
            }
            double cost = Arrays.stream(victims).map(v -> m.size[v]).sum() + random.nextDouble();
            if (cost < bestCost) {
                bestCost = cost;
                best = t;
            }
        }
        return best;
    }

    /** The units to take off {@code t} so that {@code u} fits there, or null when locks or tabu forbid it. */
    private int[] victims(int u, int t, long[] tabuUntil, long step) {
        int[] atTable = new int[s.unitCount(t)];
        for (int i = 0; i < atTable.length; i++) {
            atTable[i] = s.unitAt(t, i);
        }
        int free = m.capacity[t] - s.seated[t];
        int[] conflicting = Arrays.stream(atTable).filter(v -> contains(m.apart[u], v)).toArray();
        for (int v : conflicting) {
            if (m.lockedTable[v] >= 0 || tabuUntil[v] > step) {
                return null;
            }
            free += m.size[v];
        }
        int[] others = Arrays.stream(atTable).filter(v -> !contains(conflicting, v) && m.lockedTable[v] < 0
                && tabuUntil[v] <= step).boxed().sorted(Comparator.comparingInt(v -> m.size[v])).mapToInt(i -> i).toArray();
        int taken = 0;
        while (free < m.size[u] && taken < others.length) {
            free += m.size[others[taken++]];
        }
        if (free < m.size[u]) {
            return null;
        }
        int[] victims = Arrays.copyOf(conflicting, conflicting.length + taken);
        System.arraycopy(others, 0, victims, conflicting.length, taken);
        return victims;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
