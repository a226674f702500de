package io.seatpilot.local.it.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.robustness.Calls.Credential;
import io.seatpilot.local.it.robustness.Calls.Request;
import io.seatpilot.local.it.robustness.Calls.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route of template.yaml × every caller of SPEC §3 (five people's roles, kiosk and screen keys) × three
 * situations, one reported test per cell:
 * <ul>
 *   <li>{@code own event}: a caller of the tenant on its own event — roles SPEC §3 does not allow get 403;
 *       allowed roles are not refused for their role;</li>
 *   <li>{@code other tenant}: a caller of tenant B naming tenant A's event and objects — 404 or 403, and the
 *       answer holds nothing of A;</li>
 *   <li>{@code other event}: a caller of A limited to event e1 (token {@code events:[e1]}, key issued for [e1])
 *       acting on A's e2 — 403 or 404, and nothing of e2 in the answer.</li>
 * </ul>
 * Every cell also holds SPEC §13: no 5xx, every refusal is problem+json with a reason (or the gateway's own).
 */
class IsolationMatrixTest {

    private static final String E1 = "iso-one";
    private static final String E2 = "iso-two";
    private static final String E3 = "iso-three";

    enum Situation {
        OWN_EVENT("own event"), OTHER_TENANT("other tenant"), OTHER_EVENT("other event");

        final String label;

        Situation(String label) {
            this.label = label;
        }
    }

    private static LocalStack stack;
    private static Party a;
    private static Party b;
    private static final Map<Situation, Map<Caller, Credential>> CREDENTIALS = new EnumMap<>(Situation.class);

    @BeforeAll
    static void setUp() {
        stack = SharedStack.get();
        a = Party.create(stack, "iso-a", "ka", List.of(E1, E2, E3));
        b = Party.create(stack, "iso-b", "kb", List.of("iso-bee"));
        CREDENTIALS.put(Situation.OWN_EVENT, credentials(a, List.of()));
        CREDENTIALS.put(Situation.OTHER_TENANT, credentials(b, List.of()));
        CREDENTIALS.put(Situation.OTHER_EVENT, credentials(a, List.of(E1)));
    }

    private static Map<Caller, Credential> credentials(Party party, List<String> events) {
        Map<Caller, Credential> callers = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            callers.put(caller, caller.isDevice()
                    ? Credential.key(party.tenant.issueKey("matrix-" + caller.wire() + "-" + events.size(), caller.wire(), events).signer())
                    : Credential.token(stack.issueToken(party.tenant.id(), List.of(caller.wire()), events)));
        }
        return callers;
    }

    @TestFactory
    Stream<DynamicNode> everyRouteEveryCaller() {
        List<DynamicNode> routes = new ArrayList<>();
        for (Route route : stack.routes()) {
            List<DynamicNode> cells = new ArrayList<>();
            for (Situation situation : Situation.values()) {
                for (Caller caller : Caller.values()) {
                    cells.add(DynamicTest.dynamicTest(situation.label + " · " + caller.wire(), () -> cell(route, situation, caller)));
                }
            }
            routes.add(DynamicContainer.dynamicContainer(route.routeKey(), cells));
        }
        // after every cell ran: nothing of A was changed or revoked by a caller that may not touch it
        routes.add(DynamicTest.dynamicTest("A's first event and keys are intact after every cell", IsolationMatrixTest::aIntact));
        routes.add(DynamicTest.dynamicTest("no cell created A's event in B", IsolationMatrixTest::bHasNoEventOfA));
        return routes.stream();
    }

    private static void cell(Route route, Situation situation, Caller caller) {
        RouteRules.Rule rule = RouteRules.of(route);
        // own-event cells write (import, passes, revoke…) into E3 only; a pass view always reads E1's pass, which
        // no allowed cell re-issues
        Target target = new Target(a.tenant.id(), a.event(rule.capability() ? E1 : switch (situation) {
            case OWN_EVENT -> E3;
            case OTHER_TENANT -> E1;
            case OTHER_EVENT -> E2;
        }));
        Request request = Calls.wellFormed(route, target);
        Api.Answer answer = Calls.send(a.tenant.api(), request, CREDENTIALS.get(situation).get(caller));
        String seen = answer.status() + " " + answer.body() + " for " + request;
        Answers.violation(answer).ifPresent(v -> fail(v + ": " + seen));

        // what the caller must not see: A's data (other tenant), e2's data (other event); never what it sent itself
        Set<String> secret = new LinkedHashSet<>(switch (situation) {
            case OWN_EVENT -> Set.<String>of();
            case OTHER_TENANT -> a.markers();
            case OTHER_EVENT -> a.markers(E2);
        });
        if (rule.capability()) {
            // the token is the credential: whoever calls sees the guest's own view, which by SPEC §7 shows the
            // event name, table and first names — never last names, ids or other passes
            Api.Answer anonymous = Calls.send(a.tenant.api(), request, Credential.NONE);
            assertEquals(200, answer.status(), seen);
            assertEquals(anonymous.body(), answer.body(), "a credential changes the pass view: " + seen);
            secret = new LinkedHashSet<>(a.markers());
            secret.removeAll(List.of(target.event().name(), target.event().tableLabel(), target.event().firstNames().get(0)));
            if (route.path().orElseThrow().text().contains("rsvp/") || route.path().orElseThrow().text().startsWith("/r/")) {
                // an RSVP names the guests it answers for by id (SPEC §16's body carries guest_id)
                secret.remove(target.event().guest());
            }
        } else if (caller.isDevice() && !(route.auth() instanceof Route.RouteAuth.Open)) {
            // behind the JWT authorizer a device's signature is no credential: the gateway refuses
            assertEquals(401, answer.status(), seen);
            assertEquals("gateway", Answers.reason(answer), seen);
        } else if (!caller.isDevice() && rule.deviceOnly()) {
            // signed-only routes read no JWT: a person has no signature
            assertEquals(401, answer.status(), seen);
            assertEquals("signature_missing", Answers.reason(answer), seen);
        } else if (!rule.allowed().contains(caller)) {
            assertEquals(403, answer.status(), "SPEC §3 (" + rule.specRow() + ") refuses " + caller.wire() + ": " + seen);
            assertEquals("forbidden", Answers.reason(answer), seen);
        } else if (situation == Situation.OWN_EVENT) {
            assertTrue(answer.status() != 401 && !(answer.status() == 403 && "forbidden".equals(Answers.reason(answer))),
                    "SPEC §3 (" + rule.specRow() + ") allows " + caller.wire() + ": " + seen);
        } else if (namesNothing(route, request)) {
            // no path parameter and no body: the request cannot name A or e2 (tenant and events come from the
            // credential), so it may be answered — with the caller's own data only (checked below)
            assertTrue(answer.status() < 300 || answer.status() == 403, seen);
        } else {
            assertTrue(answer.status() == 403 || answer.status() == 404, "expected 403/404: " + seen);
            assertTrue(Set.of("forbidden", "not_found", "pass_unknown", "tenant_mismatch").contains(Answers.reason(answer)), seen);
        }
        String sent = request.text();
        for (String marker : secret) {
            if (!sent.contains(marker) && answer.body().contains(marker)) {
                fail("disclosed " + marker + ": " + seen);
            }
        }
    }

    private static boolean namesNothing(Route route, Request request) {
        return !route.path().orElseThrow().text().contains("{") && request.body() == null;
    }

    private static void aIntact() {
        for (String event : List.of(E1, E2)) {
            Party.Event e = a.event(event);
            // the event's own key still verifies (no cell revoked it) and its guest still has its name
            Api.Answer search = Calls.send(a.tenant.api(), new Request("GET", "/v1/events/" + event + "/guests/search",
                    "q=" + e.firstNames().get(0), null, Map.of()), Credential.key(e.key().signer()));
            assertEquals(200, search.status(), search.body());
            assertTrue(search.body().contains(e.firstNames().get(0)), search.body());
        }
    }

    private static void bHasNoEventOfA() {
        Api.Answer answer = b.tenant.api().withToken(b.admin(), "GET", "/v1/events/" + E1 + "/seating", null);
        assertEquals(404, answer.status(), answer.body());
    }
}
