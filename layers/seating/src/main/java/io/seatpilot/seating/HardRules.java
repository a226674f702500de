package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a guest → table map against every hard rule of SPEC §8 and names each broken one. The engine's plans
 * are checked with it before they are answered, and the benchmark judges every solver with it.
 */
public final class HardRules {

    private HardRules() {
    }

    /** The hard rules of SPEC §8, by the name an answer gives the one that is broken. */
    public enum Rule {
        UNSEATED, ACCESSIBLE, CAPACITY, LOCK, MUST_APART, HOUSEHOLD;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One broken rule, with the guests and tables it concerns in words. */
    public record Violation(Rule rule, String message) {
    }

    public static List<String> violations(SeatingProblem problem, Map<String, String> assignments) {
        return check(problem, assignments).stream().map(Violation::message).toList();
    }

    /** Every broken hard rule of {@code assignments}, each named. */
    public static List<Violation> check(SeatingProblem problem, Map<String, String> assignments) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Table> tables = Problems.tablesById(problem);
        Map<String, Integer> seated = new HashMap<>();
        for (Guest g : problem.guests()) {
            String table = assignments.get(g.id());
            if (table == null || !tables.containsKey(table)) {
                violations.add(new Violation(Rule.UNSEATED, "guest " + g.id() + " has no table"));
                continue;
            }
            seated.merge(table, 1, Integer::sum);
            if (g.pmr() && !tables.get(table).accessible()) {
                violations.add(new Violation(Rule.ACCESSIBLE, "guest " + g.id() + " needs an accessible table but sits at " + table));
            }
        }
        seated.forEach((table, count) -> {
            if (count > tables.get(table).capacity()) {
                violations.add(new Violation(Rule.CAPACITY, "table " + table + " seats " + tables.get(table).capacity() + " but has " + count));
            }
        });
        for (Lock lock : problem.locks()) {
            if (!lock.table().equals(assignments.get(lock.guest()))) {
                violations.add(new Violation(Rule.LOCK, "guest " + lock.guest() + " is locked to " + lock.table() + " but sits elsewhere"));
            }
        }
        for (List<String> pair : problem.mustApart()) {
            String ta = assignments.get(pair.get(0));
            if (ta != null && ta.equals(assignments.get(pair.get(1)))) {
                violations.add(new Violation(Rule.MUST_APART, "guests " + pair.get(0) + " and " + pair.get(1) + " must be apart but share " + ta));
            }
        }
        int largest = Problems.largestCapacity(problem);
        Problems.households(problem).forEach((household, members) -> {
            Set<String> used = new LinkedHashSet<>();
            members.forEach(m -> used.add(assignments.get(m.id())));
            int allowed = members.size() <= largest ? 1 : Problems.fewestTables(problem, members.size());
            if (used.size() > allowed) {
                violations.add(new Violation(Rule.HOUSEHOLD, "household " + household + " sits at " + used.size()
                        + " tables, at most " + allowed + " allowed"));
            }
        });
        return violations;
    }
}
