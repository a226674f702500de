package io.seatpilot.seating;

import java.util.Arrays;

/**
 * A mutable placement of units at tables with the canonical score kept up to date move by move. The search
 * objective is the score first and even fill second: {@code score × FILL_SCALE − Σ seated²}, because the sum of
 * squared fills is smallest when tables are filled evenly and never outweighs one point of score.
 */
final class Seating {

    static final long FILL_SCALE = 1L << 24;

    final Model m;
    final int[] tableOf;
    final int[] seated;
    private final int[][] unitsAt;
    private final int[] unitCount;
    private final int[] position;
    private long score;
    private long fill;

    Seating(Model m) {
        this.m = m;
        tableOf = new int[m.units()];
        Arrays.fill(tableOf, -1);
        seated = new int[m.tables()];
        unitsAt = new int[m.tables()][];
        for (int t = 0; t < m.tables(); t++) {
            unitsAt[t] = new int[m.capacity[t]];
        }
        unitCount = new int[m.tables()];
        position = new int[m.units()];
    }

    long objective() {
        return score * FILL_SCALE - fill;
    }

    int unitCount(int t) {
        return unitCount[t];
    }

    int unitAt(int t, int i) {
        return unitsAt[t][i];
    }

    boolean fits(int u, int t) {
        return seated[t] + m.size[u] <= m.capacity[t];
    }

    /** True when no unit at {@code t} other than {@code ignored} must be apart from {@code u}. */
    boolean apartFree(int u, int t, int ignored) {
        for (int v : m.apart[u]) {
            if (v != ignored && tableOf[v] == t) {
                return false;
            }
        }
        return true;
    }

    /** Sum of pair weights between {@code u} and the units seated at {@code t}. */
    long links(int u, int t) {
        if (t < 0) {
            return 0;
        }
        long sum = 0;
        int[] others = m.related[u];
        int[] weights = m.relatedWeight[u];
        for (int i = 0; i < others.length; i++) {
            if (tableOf[others[i]] == t) {
                sum += weights[i];
            }
        }
        return sum;
    }

    long weightBetween(int u, int v) {
        int[] others = m.related[u];
        for (int i = 0; i < others.length; i++) {
            if (others[i] == v) {
                return m.relatedWeight[u][i];
            }
        }
        return 0;
    }

    private long value(int u, int t) {
        return t < 0 ? 0 : links(u, t) + m.placementValue(u, t);
    }

    /** Change of the objective if unit {@code u} moves to {@code b} (or is first placed there). */
    long moveDelta(int u, int b) {
        int a = tableOf[u];
        long scoreDelta = value(u, b) - value(u, a);
        long s = m.size[u];
        long fillDelta = squareChange(seated[b], s) + (a < 0 ? 0 : squareChange(seated[a], -s));
        return scoreDelta * FILL_SCALE - fillDelta;
    }

    /** Change of the objective if units {@code u} (at a) and {@code x} (at b) trade tables. */
    long swapDelta(int u, int x) {
        int a = tableOf[u];
        int b = tableOf[x];
        long scoreDelta = value(u, b) - value(u, a) + value(x, a) - value(x, b) - 2 * weightBetween(u, x);
        long diff = m.size[u] - m.size[x];
        return scoreDelta * FILL_SCALE - squareChange(seated[a], -diff) - squareChange(seated[b], diff);
    }

    private static long squareChange(long seats, long change) {
        return (seats + change) * (seats + change) - seats * seats;
    }

    void move(int u, int b) {
        int a = tableOf[u];
        score += value(u, b) - value(u, a);
        fill += squareChange(seated[b], m.size[u]) + (a < 0 ? 0 : squareChange(seated[a], -m.size[u]));
        if (a >= 0) {
            remove(u);
        }
        add(u, b);
    }

    void swap(int u, int x) {
        int a = tableOf[u];
        int b = tableOf[x];
        long delta = swapDelta(u, x);
        long diff = m.size[u] - m.size[x];
        score += (delta + squareChange(seated[a], -diff) + squareChange(seated[b], diff)) / FILL_SCALE;
        fill += squareChange(seated[a], -diff) + squareChange(seated[b], diff);
        remove(u);
        remove(x);
        add(u, b);
        add(x, a);
    }

    void unplace(int u) {
        int a = tableOf[u];
        score -= value(u, a);
        fill += squareChange(seated[a], -m.size[u]);
        remove(u);
    }

    private void add(int u, int t) {
        tableOf[u] = t;
        seated[t] += m.size[u];
        position[u] = unitCount[t];
        unitsAt[t][unitCount[t]++] = u;
    }

    private void remove(int u) {
        int t = tableOf[u];
        int last = unitsAt[t][--unitCount[t]];
        unitsAt[t][position[u]] = last;
        position[last] = position[u];
        tableOf[u] = -1;
        seated[t] -= m.size[u];
    }

    int[] snapshot() {
        return tableOf.clone();
    }
}
