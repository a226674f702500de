package io.seatpilot.seating;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The problem file of SPEC §8: what the API builds from stored data and what the command line reads.
 * {@code current} is the previous plan (guest → table); when present, every guest moved away costs
 * {@code weights.move}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SeatingProblem(List<Table> tables, List<Guest> guests, List<Relation> relations,
                             @JsonProperty("must_apart") List<List<String>> mustApart, List<Lock> locks,
                             Map<String, String> current, Weights weights) {

    public SeatingProblem {
        tables = tables == null ? List.of() : List.copyOf(tables);
        guests = guests == null ? List.of() : List.copyOf(guests);
        relations = relations == null ? List.of() : List.copyOf(relations);
        mustApart = mustApart == null ? List.of() : mustApart.stream().map(List::copyOf).toList();
        locks = locks == null ? List.of() : List.copyOf(locks);
        current = current == null ? Map.of() : Map.copyOf(current);
        weights = weights == null ? Weights.DEFAULT : weights;
    }

    /** The problem of {@code guests} only: wishes, pairs and locks naming anyone else are left out. */
    public SeatingProblem restrictedTo(java.util.Set<String> guests) {
        return new SeatingProblem(tables, this.guests.stream().filter(g -> guests.contains(g.id())).toList(),
                relations.stream().filter(r -> guests.contains(r.a()) && guests.contains(r.b())).toList(),
                mustApart.stream().filter(guests::containsAll).toList(),
                locks.stream().filter(l -> guests.contains(l.guest())).toList(), current, weights);
    }

    public SeatingProblem withCurrent(Map<String, String> previous) {
        return new SeatingProblem(tables, guests, relations, mustApart, locks, previous, weights);
    }
}
