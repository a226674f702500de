package io.seatpilot.local.it.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.seating.CanonicalScore;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.HardRules;
import io.seatpilot.seating.InstanceGenerator;
import io.seatpilot.seating.Lock;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seating routes of SPEC §8 through the local stack's gateway, JWT authorizer and DynamoDB Local. */
class SeatingApiTest {

    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("seating");
    }

    private static Map<String, String> assignments(Api.Answer answer) {
        return Json.MAPPER.convertValue(answer.json().get("assignments"), new TypeReference<Map<String, String>>() { });
    }

    /** The values of {@code metric} in the EMF lines the assign function printed after {@code mark}. */
    private static List<Double> solveFigures(long mark, String metric) {
        return SharedStack.get().functionOutput("AssignFunction").since(mark).stream()
                .filter(line -> line.contains("\"_aws\"")).map(Json::read).filter(d -> d.has(metric))
                .map(d -> d.get(metric).asDouble()).toList();
    }

    private static Map<String, Object> move(String guest, String table) {
        return Map.of("guest", guest, "table", table);
    }

    /** A table other than the guest's own with a free seat in {@code plan}. */
    private static String freeTableFor(String guest, Map<String, String> plan, SeatingProblem problem) {
        return problem.tables().stream()
                .filter(t -> !t.id().equals(plan.get(guest)))
                .filter(t -> plan.values().stream().filter(t.id()::equals).count() < t.capacity())
                .map(Table::id).findFirst().orElseThrow();
    }

    @Test
    void aSolvedWeddingIsStoredFeasibleScoredAndExplainedForEveryGuest() {
        SeatingProblem wedding = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, 150, 5);
        SeatingEvent event = SeatingEvent.of(tenant, wedding);
        event.putGuests(List.of(new Guest("declined-1", null, Set.of())), "declined");

        long mark = SharedStack.get().functionOutput("AssignFunction").written();
        Api.Answer solved = event.solve(Map.of("time_limit_ms", 500));
        Map<String, String> plan = assignments(solved);
        // the engine's service level, in EMF where the solve ran: its duration and whether it found a plan
        assertEquals(List.of(1.0), solveFigures(mark, SloMetrics.ASSIGN_FEASIBLE));
        assertTrue(solveFigures(mark, SloMetrics.ASSIGN_DURATION).getFirst() > 0);

        assertEquals(wedding.guests().size(), plan.size(), "every confirmed guest is seated, the declined one is not");
        assertFalse(plan.containsKey("declined-1"));
        assertEquals(List.of(), HardRules.violations(wedding, plan));
        assertEquals(CanonicalScore.of(wedding, plan).score(), solved.json().get("score").asLong());
        assertEquals(0, solved.json().get("violations").size());
        wedding.guests().forEach(g -> assertTrue(solved.json().get("explanations").path(g.id()).size() > 0, g.id()));
        assertTrue(solved.json().get("summary").size() > 0, solved.body());

        Api.Answer read = event.call("GET", "", null);
        assertEquals(200, read.status(), read.body());
        assertEquals(solved.json().get("version").asLong(), read.json().get("version").asLong());
        assertEquals(plan, assignments(read));
    }

    @Test
    void concurrentMovesOnOneVersionLetOneWinAndAnswerTheOtherWithTheCurrentPlan() throws Exception {
        SeatingProblem singles = SeatingEvent.singles(3, 4, 6);
        SeatingEvent event = SeatingEvent.of(tenant, singles);
        Api.Answer solved = event.solve(Map.of("time_limit_ms", 200));
        long version = solved.json().get("version").asLong();
        Map<String, String> plan = assignments(solved);

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Api.Answer>> racing = new ArrayList<>();
        for (String guest : List.of("g1", "g2")) {
            Map<String, Object> body = Map.of("version", version, "moves", List.of(move(guest, freeTableFor(guest, plan, singles))));
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return event.call("POST", "/moves", body);
            }));
        }
        List<Api.Answer> answers = racing.stream().map(CompletableFuture::join).toList();

        List<Integer> statuses = answers.stream().map(Api.Answer::status).sorted().toList();
        assertEquals(List.of(200, 409), statuses, () -> answers.toString());
        Api.Answer won = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
        Api.Answer lost = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertEquals(version + 1, won.json().get("version").asLong());
        assertEquals("version_conflict", lost.reason());
        assertTrue(lost.contentType().startsWith("application/problem+json"), lost.contentType());
        assertEquals(version + 1, lost.json().get("current").get("version").asLong());
        assertEquals(won.json().get("assignments"), lost.json().get("current").get("assignments"));

        Api.Answer stale = event.call("POST", "/moves", Map.of("version", version, "moves", List.of(move("g3", "T1"))));
        assertEquals(409, stale.status(), stale.body());
        assertEquals(version + 1, event.call("GET", "", null).json().get("version").asLong());
    }

    @Test
    void aMoveBreakingAHardRuleIsRefusedWithTheRuleNamed() {
        SeatingProblem singles = SeatingEvent.singles(2, 2, 4);
        SeatingEvent event = SeatingEvent.of(tenant, singles);
        Api.Answer solved = event.solve(Map.of("time_limit_ms", 100));
        Map<String, String> plan = assignments(solved);
        String other = plan.get("g1").equals("T1") ? "T2" : "T1";

        Api.Answer refused = event.call("POST", "/moves",
                Map.of("version", solved.json().get("version").asLong(), "moves", List.of(move("g1", other))));

        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.json().get("violations").toString().contains("table " + other + " seats 2 but has 3"), refused.body());
        assertEquals(solved.json().get("version").asLong(), event.call("GET", "", null).json().get("version").asLong());
    }

    @Test
    void lockedGuestsSitWhereLockedAreExplainedAndCannotBeMovedAway() {
        SeatingProblem singles = SeatingEvent.singles(3, 4, 6);
        SeatingEvent event = SeatingEvent.of(tenant, singles);
        Api.Answer locked = event.call("PUT", "/locks", Map.of("locks", List.of(new Lock("g3", "T3"), new Lock("g4", "T3"))));
        assertEquals(200, locked.status(), locked.body());

        Api.Answer solved = event.solve(Map.of());
        Map<String, String> plan = assignments(solved);
        assertEquals("T3", plan.get("g3"));
        assertEquals("T3", plan.get("g4"));
        assertTrue(solved.json().get("explanations").get("g3").toString().contains("Locked to table T3"), solved.body());

        Api.Answer moved = event.call("POST", "/moves",
                Map.of("version", solved.json().get("version").asLong(), "moves", List.of(move("g3", "T1"))));
        assertEquals(422, moved.status(), moved.body());
        assertTrue(moved.json().get("violations").toString().contains("g3 is locked to T3"), moved.body());

        Api.Answer unknown = event.call("PUT", "/locks", Map.of("locks", List.of(new Lock("g1", "T9"), new Lock("nobody", "T1"))));
        assertEquals(422, unknown.status(), unknown.body());
        assertEquals(List.of("unknown table T9", "unknown guest nobody"), Api.texts(unknown.json().get("violations")));
    }

    @Test
    void thePublishedPlanIsTheOneAKeepCurrentSolveProtects() {
        SeatingProblem singles = SeatingEvent.singles(3, 4, 6);
        SeatingEvent event = SeatingEvent.of(tenant, singles);
        Api.Answer solved = event.solve(Map.of("time_limit_ms", 200));
        long version = solved.json().get("version").asLong();
        Map<String, String> published = assignments(solved);

        Api.Answer publish = event.call("POST", "/publish", Map.of("version", version));
        assertEquals(200, publish.status(), publish.body());
        assertEquals(version, publish.json().get("version").asLong());

        String elsewhere = freeTableFor("g1", published, singles);
        Api.Answer moved = event.call("POST", "/moves", Map.of("version", version, "moves", List.of(move("g1", elsewhere))));
        assertEquals(200, moved.status(), moved.body());
        assertEquals(1, moved.json().get("score_breakdown").get("moved_guests").asInt(), "moves count against the published plan");

        Api.Answer stalePublish = event.call("POST", "/publish", Map.of("version", version));
        assertEquals(409, stalePublish.status(), stalePublish.body());
        assertEquals("version_conflict", stalePublish.reason());
        assertEquals(version + 1, stalePublish.json().get("current").get("version").asLong(), stalePublish.body());
        Api.Answer blindPublish = event.call("POST", "/publish", null);
        assertEquals(422, blindPublish.status(), "a publish names the version the planner saw: " + blindPublish.body());
        assertEquals("version", blindPublish.json().get("field").asText());

        Api.Answer replanned = event.solve(Map.of("time_limit_ms", 200, "keep_current", true, "weights", Map.of("move", 1000)));
        assertEquals(published, assignments(replanned), "with a heavy move cost the re-plan returns to the published plan");
        assertEquals(0, replanned.json().get("score_breakdown").get("moved_guests").asInt());
    }

    @Test
    void anImpossibleEventIsAnsweredWithTheBlockingConstraintsNamed() {
        List<Table> tables = List.of(new Table("T1", 4, "A", Set.of()), new Table("T2", 4, "A", Set.of()));
        List<Guest> guests = List.of(new Guest("wheel-1", null, Set.of("pmr")), new Guest("g2", null, Set.of()));
        SeatingEvent event = SeatingEvent.of(tenant, new SeatingProblem(tables, guests, List.of(), List.of(), List.of(), null, null));
        long mark = SharedStack.get().functionOutput("AssignFunction").written();

        Api.Answer answer = event.call("POST", "/solve", Map.of("time_limit_ms", 200));

        assertEquals(200, answer.status(), answer.body());
        assertFalse(answer.json().get("feasible").asBoolean());
        assertEquals(List.of(0.0), solveFigures(mark, SloMetrics.ASSIGN_FEASIBLE), "an infeasible solve counts against the feasible ratio");
        JsonNode reasons = answer.json().get("infeasible_reasons");
        assertTrue(reasons.toString().contains("wheel-1") && reasons.toString().contains("accessible"), answer.body());
        assertEquals(404, event.call("GET", "", null).status(), "an infeasible answer is not stored as a plan");
    }

    @Test
    void aLockAgainstMustApartIsAnsweredInfeasibleNamingBothGuests() {
        SeatingProblem singles = SeatingEvent.singles(2, 4, 4);
        SeatingEvent event = SeatingEvent.of(tenant, new SeatingProblem(singles.tables(), singles.guests(), List.of(),
                List.of(List.of("g1", "g2")), List.of(), null, null));
        assertEquals(200, event.call("PUT", "/locks", Map.of("locks", List.of(new Lock("g1", "T1"), new Lock("g2", "T1")))).status());

        Api.Answer answer = event.call("POST", "/solve", Map.of());

        assertFalse(answer.json().get("feasible").asBoolean(), answer.body());
        String reasons = answer.json().get("infeasible_reasons").toString();
        assertTrue(reasons.contains("g1") && reasons.contains("g2") && reasons.contains("T1"), reasons);
    }

    @Test
    void rolesWithoutSeatingRightsAreRefused() {
        SeatingEvent event = SeatingEvent.of(tenant, SeatingEvent.singles(2, 4, 4));
        event.solve(Map.of("time_limit_ms", 100));
        for (String role : List.of("viewer", "staff", "ops")) {
            String token = tenant.token(role);
            for (var call : List.of(List.of("GET", ""), List.of("POST", "/solve"), List.of("POST", "/publish"))) {
                Api.Answer answer = event.callAs(token, call.get(0), call.get(1), call.get(0).equals("GET") ? null : Map.of());
                assertEquals(403, answer.status(), role + " " + call + ": " + answer.body());
                assertEquals("forbidden", answer.reason());
            }
        }
        assertEquals(200, event.callAs(tenant.adminToken(), "GET", "", null).status(), "admin may read seating");
    }

    @Test
    void anotherTenantCannotSeeOrChangeThePlan() {
        SeatingEvent event = SeatingEvent.of(tenant, SeatingEvent.singles(2, 4, 4));
        Api.Answer solved = event.solve(Map.of("time_limit_ms", 100));
        Tenant other = Tenant.create("seating-b");
        String otherPlanner = other.token("planner");

        Api.Answer read = event.callAs(otherPlanner, "GET", "", null);
        assertEquals(404, read.status(), read.body());
        assertEquals("not_found", read.reason());
        Api.Answer moved = event.callAs(otherPlanner, "POST", "/moves",
                Map.of("version", solved.json().get("version").asLong(), "moves", List.of(move("g1", "T2"))));
        assertEquals(404, moved.status(), moved.body());
        Api.Answer published = event.callAs(otherPlanner, "POST", "/publish", Map.of("version", solved.json().get("version").asLong()));
        assertEquals(404, published.status(), published.body());
        assertEquals(solved.json().get("version").asLong(), event.call("GET", "", null).json().get("version").asLong());
    }
}
