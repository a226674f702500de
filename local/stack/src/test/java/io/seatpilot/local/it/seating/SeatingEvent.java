package io.seatpilot.local.it.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.assign.SeatingStore;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One event of a tenant with its guests and tables written where the guest and table import keeps them (through
 * the real SDK client on the stack's DynamoDB Local), and the seating routes called as a planner would.
 */
record SeatingEvent(Tenant tenant, String id, String planner) {

    static SeatingEvent of(Tenant tenant, SeatingProblem problem) {
        SeatingEvent event = new SeatingEvent(tenant, "party-" + UUID.randomUUID().toString().substring(0, 8),
                tenant.token("planner"));
        SeatingStore store = new SeatingStore(tenant.stack().awsClients().dynamoDb(), tenant.stack().tableName("DataTable"));
        problem.tables().forEach(t -> store.putTable(tenant.id(), event.id, t));
        problem.guests().forEach(g -> store.putGuest(tenant.id(), event.id, g, "confirmed"));
        if (!problem.relations().isEmpty() || !problem.mustApart().isEmpty()) {
            Api.Answer answer = event.call("PUT", "/relations",
                    Map.of("relations", problem.relations(), "must_apart", problem.mustApart()));
            assertEquals(200, answer.status(), answer.body());
        }
        return event;
    }

    /** A small event: {@code tables} tables of {@code seats}, {@code guests} guests each a household of one. */
    static SeatingProblem singles(int tables, int seats, int guests) {
        List<Table> t = IntStream.rangeClosed(1, tables)
                .mapToObj(i -> new Table("T" + i, seats, "A", Set.of())).toList();
        List<Guest> g = IntStream.rangeClosed(1, guests)
                .mapToObj(i -> new Guest("g" + i, null, Set.of())).toList();
        return new SeatingProblem(t, g, List.of(), List.of(), List.of(), null, null);
    }

    void addGuest(Guest guest, String rsvp) {
        new SeatingStore(tenant.stack().awsClients().dynamoDb(), tenant.stack().tableName("DataTable"))
                .putGuest(tenant.id(), id, guest, rsvp);
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
