package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Explains a plan in a planner's words, derived from the plan itself and the problem (not from solver internals),
 * so the explanation of any plan — solved or moved by hand — is true of that plan.
 */
public final class Explanations {

    private Explanations() {
    }

    public static Map<String, List<String>> of(SeatingProblem problem, Map<String, String> assignments) {
        Map<String, Table> tables = Problems.tablesById(problem);
        Map<String, List<Guest>> households = Problems.households(problem);
        int largest = Problems.largestCapacity(problem);
        Map<String, String> locks = new HashMap<>();
        problem.locks().forEach(l -> locks.put(l.guest(), l.table()));
        Map<String, Map<String, Integer>> wishes = new HashMap<>();
        for (Relation r : problem.relations()) {
            wishes.computeIfAbsent(r.a(), k -> new TreeMap<>()).merge(r.b(), r.weight(), Integer::sum);
            wishes.computeIfAbsent(r.b(), k -> new TreeMap<>()).merge(r.a(), r.weight(), Integer::sum);
        }
        Map<String, Set<String>> apart = new HashMap<>();
        for (List<String> pair : problem.mustApart()) {
            apart.computeIfAbsent(pair.get(0), k -> new LinkedHashSet<>()).add(pair.get(1));
            apart.computeIfAbsent(pair.get(1), k -> new LinkedHashSet<>()).add(pair.get(0));
        }
        Map<String, List<String>> explanations = new LinkedHashMap<>();
        for (Guest g : problem.guests()) {
            String table = assignments.get(g.id());
            List<String> lines = new ArrayList<>();
            lines.add("Seated at table " + table + ".");
            if (locks.containsKey(g.id())) {
                lines.add("Locked to table " + table + " by the planner.");
            }
            household(g, households.get(g.householdKey()), assignments, largest).ifPresent(lines::add);
            if (g.pmr()) {
                lines.add("Needs an accessible table (reduced mobility): " + table + " is accessible.");
            }
            if (g.vip()) {
                lines.add(tables.get(table).showcase()
                        ? "VIP: seated at " + table + ", a head or near-stage table."
                        : "Wish not met: VIP, but not at a head or near-stage table (those seats went to stronger wishes).");
            }
            relations(table, wishes.getOrDefault(g.id(), Map.of()), apart.getOrDefault(g.id(), Set.of()), assignments,
                    lines);
            String before = problem.current().get(g.id());
            if (before != null) {
                lines.add(before.equals(table) ? "Kept at " + table + " as in the previous plan."
                        : "Moved from " + before + " (previous plan) to " + table + ".");
            }
            explanations.put(g.id(), List.copyOf(lines));
        }
        return explanations;
    }

    private static java.util.Optional<String> household(Guest g, List<Guest> members, Map<String, String> assignments,
                                                        int largest) {
        if (members.size() < 2) {
            return java.util.Optional.empty();
        }
        Set<String> used = new LinkedHashSet<>();
        members.forEach(m -> used.add(assignments.get(m.id())));
        String who = g.tags().contains("child") ? "Child seated with their household " : "Sits with their household ";
        if (used.size() == 1) {
            return java.util.Optional.of(who + g.householdId() + " (" + members.size() + " people).");
        }
        return java.util.Optional.of("Household " + g.householdId() + " (" + members.size() + " people) is larger than "
                + "the largest table (" + largest + "), so it is split across " + String.join(", ", used)
                + ", the fewest tables possible.");
    }

    private static void relations(String table, Map<String, Integer> wishes, Set<String> apart,
                                  Map<String, String> assignments, List<String> lines) {
        List<String> together = new ArrayList<>();
        List<String> keptApart = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        wishes.forEach((other, weight) -> {
            String theirs = assignments.get(other);
            boolean same = table.equals(theirs);
            if (weight > 0 && same) {
                together.add(other);
            } else if (weight > 0) {
                unmet.add("Wish not met: to sit with " + other + ", who sits at " + theirs + ".");
            } else if (weight < 0 && same) {
                unmet.add("Wish not met: shares the table with " + other + " despite a wish to keep them apart.");
            } else if (weight < 0) {
                keptApart.add(other);
            }
        });
        if (!together.isEmpty()) {
            lines.add("Sits with " + String.join(", ", together) + ", as wished.");
        }
        if (!keptApart.isEmpty()) {
            lines.add("Kept apart from " + String.join(", ", keptApart) + ", as wished.");
        }
        if (!apart.isEmpty()) {
            lines.add("Kept apart from " + String.join(", ", apart) + ", as required.");
        }
        lines.addAll(unmet);
    }

    public static PlanSummary summary(SeatingProblem problem, Map<String, String> assignments) {
        Map<String, Integer> seated = new HashMap<>();
        assignments.values().forEach(t -> seated.merge(t, 1, Integer::sum));
        Map<String, PlanSummary.Fill> fill = new LinkedHashMap<>();
        problem.tables().forEach(t -> fill.put(t.id(), new PlanSummary.Fill(seated.getOrDefault(t.id(), 0), t.capacity())));
        int largest = Problems.largestCapacity(problem);
        List<PlanSummary.SplitHousehold> split = new ArrayList<>();
        Problems.households(problem).forEach((household, members) -> {
            Set<String> used = new LinkedHashSet<>();
            members.forEach(m -> used.add(assignments.get(m.id())));
            if (used.size() > 1) {
                split.add(new PlanSummary.SplitHousehold(household, members.size(), List.copyOf(used),
                        members.size() + " people, the largest table seats " + largest));
            }
        });
        return new PlanSummary(fill, split);
    }
}
