package io.seatpilot.seating;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Late acceptance hill climbing over unit moves and swaps: a candidate is accepted when it is no worse than the
 * current plan or than the plan of {@code HISTORY} steps ago, which lets the search leave local optima without
 * a temperature to tune. Half of the candidates are guided: the unit goes to the table of a guest it is related
 * to, which is where pair weights can be gained. Every candidate keeps all hard rules true.
 *
 * <p>Late acceptance alone settles within a second even on 3 000 guests (the history fills with one value and
 * the search turns into hill climbing on a plateau), so after {@link #STAGNATION_PER_UNIT} steps per unit without
 * a new best the search restarts from the best plan with a small random kick of feasible moves (iterated local
 * search).
 */
final class LocalSearch {

    private static final int HISTORY = 2_000;
    /** Steps per unit without a new best before a kick: enough for late acceptance to exhaust the neighbourhood. */
    private static final long STAGNATION_PER_UNIT = 1_000;
    private static final long MIN_STAGNATION = 500_000;
    /** Kicks stay small so a restart keeps most of the best plan. */
    private static final int MAX_KICK = 30;

    private final Seating s;
    private final Model m;
    private final SplittableRandom random;
    private final int[] movable;
    private long iterations;

    LocalSearch(Seating seating, SplittableRandom random) {
        this.s = seating;
        this.m = seating.m;
        this.random = random;
        this.movable = IntStream.range(0, m.units()).filter(u -> m.lockedTable[u] < 0).toArray();
    }

    long iterations() {
        return iterations;
    }

    /** Improves the plan until the deadline or the iteration budget; leaves the best plan found in place. */
    void run(long deadlineNanos, long maxIterations) {
        if (movable.length == 0 || m.tables() < 2 || maxIterations <= 0) {
            return;
        }
        long current = s.objective();
        long best = current;
        int[] bestTables = s.snapshot();
        long[] history = new long[HISTORY];
        Arrays.fill(history, current);
        long stagnation = Math.max(MIN_STAGNATION, STAGNATION_PER_UNIT * m.units());
        long lastBest = 0;
        for (iterations = 0; iterations < maxIterations; iterations++) {
            if ((iterations & 1023) == 0 && System.nanoTime() > deadlineNanos) {
                break;
            }
            int slot = (int) (iterations % HISTORY);
            current = step(current, history[slot]);
            if (current > best) {
                best = current;
                lastBest = iterations;
                System.arraycopy(s.tableOf, 0, bestTables, 0, bestTables.length);
            } else if (iterations - lastBest >= stagnation) {
                restore(bestTables);
                current = kick();
                Arrays.fill(history, current);
                lastBest = iterations;
            }
            history[slot] = current;
        }
        restore(bestTables);
    }

    /** Tries random feasible moves and swaps whatever they cost (3 to 30 of them); answers the objective. */
    private long kick() {
        int moves = Math.clamp(movable.length / 20, 3, MAX_KICK);
        long current = s.objective();
        for (int i = 0; i < moves; i++) {
            current = step(current, Long.MIN_VALUE);
        }
        return current;
    }

    /** One candidate move or swap, taken when it is no worse than {@code current} or than {@code lateValue}. */
    private long step(long current, long lateValue) {
        int u = movable[random.nextInt(movable.length)];
        int a = s.tableOf[u];
        int b = targetTable(u);
        if (b == a || !m.allowedAt(u, b)) {
            return current;
        }
        boolean canMove = s.fits(u, b) && s.apartFree(u, b, -1);
        if (canMove && (s.unitCount(b) == 0 || random.nextBoolean())) {
            long delta = s.moveDelta(u, b);
            if (accept(current, delta, lateValue)) {
                s.move(u, b);
                return current + delta;
            }
            return current;
        }
        if (s.unitCount(b) == 0) {
            return current;
        }
        int x = s.unitAt(b, random.nextInt(s.unitCount(b)));
        if (m.lockedTable[x] >= 0 || !m.allowedAt(x, a)
                || s.seated[b] - m.size[x] + m.size[u] > m.capacity[b]
                || s.seated[a] - m.size[u] + m.size[x] > m.capacity[a]
                || !s.apartFree(u, b, x) || !s.apartFree(x, a, u)) {
            return current;
        }
        long delta = s.swapDelta(u, x);
        if (accept(current, delta, lateValue)) {
            s.swap(u, x);
            return current + delta;
        }
        return current;
    }

    private int targetTable(int u) {
        if (m.related[u].length > 0 && random.nextBoolean()) {
            return s.tableOf[m.related[u][random.nextInt(m.related[u].length)]];
        }
        return random.nextInt(m.tables());
    }

    private static boolean accept(long current, long delta, long lateValue) {
        return delta >= 0 || current + delta >= lateValue;
    }

    private void restore(int[] tables) {
        for (int u = 0; u < tables.length; u++) {
            if (s.tableOf[u] != tables[u]) {
                s.unplace(u);
            }
        }
        for (int u = 0; u < tables.length; u++) {
            if (s.tableOf[u] < 0) {
                s.move(u, tables[u]);
            }
        }
    }
}
