package io.seatpilot.local.it.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One event of a tenant, set up through the event API as an admin and a planner would (event with zones A–D,
 * tables, confirmed guests, the planner's wishes), and the seating routes called as a planner.
 */
record SeatingEvent(Tenant tenant, String id, String planner) {

    static SeatingEvent of(Tenant tenant, SeatingProblem problem) {
        SeatingEvent event = new SeatingEvent(tenant, "party-" + UUID.randomUUID().toString().substring(0, 8),
                tenant.token("planner"));
        List<Map<String, Object>> zones = Stream.of("A", "B", "C", "D")
                .map(z -> Map.<String, Object>of("id", z, "name", "Zone " + z, "letter", z, "color", "#33669" + z)).toList();
        event.expect(201, tenant.adminToken(), "PUT", "", Map.of("name", "Seating test", "kind", "wedding", "zones", zones));
        event.expect(200, event.planner, "PUT", "/tables", Map.of("tables", problem.tables()));
        event.putGuests(problem.guests(), "confirmed");
        if (!problem.relations().isEmpty() || !problem.mustApart().isEmpty()) {
            event.expect(200, event.planner, "PUT", "/seating/relations",
                    Map.of("relations", problem.relations(), "must_apart", problem.mustApart()));
        }
        return event;
    }

    /** A small event: {@code tables} tables of {@code seats}, {@code guests} guests each a household of one. */
    static SeatingProblem singles(int tables, int seats, int guests) {
        List<Table> t = IntStream.rangeClosed(1, tables).mapToObj(i -> new Table("T" + i, seats, "A", Set.of())).toList();
        List<Guest> g = IntStream.rangeClosed(1, guests).mapToObj(i -> new Guest("g" + i, null, Set.of())).toList();
        return new SeatingProblem(t, g, List.of(), List.of(), List.of(), null, null);
    }

    /** Upserts guests as the import does; no names are needed by seating, so every guest is called "Guest". */
    void putGuests(List<Guest> guests, String rsvp) {
        List<Map<String, Object>> rows = guests.stream().map(g -> {
            Map<String, Object> row = new HashMap<>(Map.of("id", g.id(), "first_name", "Guest", "tags", g.tags(), "rsvp", rsvp));
            if (g.householdId() != null) {
                row.put("household_id", g.householdId());
            }
            return row;
        }).toList();
        Api.Answer answer = expect(200, planner, "PUT", "/guests", Map.of("guests", rows));
        assertEquals(0, answer.json().get("rejected").asInt(), answer.body());
    }

    private Api.Answer expect(int status, String token, String method, String suffix, Object body) {
        Api.Answer answer = tenant.api().withToken(token, method, "/v1/events/" + id + suffix, body);
        assertEquals(status, answer.status(), answer.body());
        return answer;
    }

    Api.Answer call(String method, String suffix, Object body) {
        return callAs(planner, method, suffix, body);
    }

    Api.Answer callAs(String token, String method, String suffix, Object body) {
        return tenant.api().withToken(token, method, "/v1/events/" + id + "/seating" + suffix, body);
    }

    /** Solves and insists on a stored, feasible plan. */
    Api.Answer solve(Map<String, Object> body) {
        Api.Answer answer = call("POST", "/solve", body);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(true, answer.json().get("feasible").asBoolean(), answer.body());
        return answer;
    }
}
