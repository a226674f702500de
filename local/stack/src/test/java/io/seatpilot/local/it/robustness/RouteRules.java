package io.seatpilot.local.it.robustness;

import static io.seatpilot.local.it.robustness.Caller.ADMIN;
import static io.seatpilot.local.it.robustness.Caller.KIOSK;
import static io.seatpilot.local.it.robustness.Caller.OPS;
import static io.seatpilot.local.it.robustness.Caller.PLANNER;
import static io.seatpilot.local.it.robustness.Caller.STAFF;
import static io.seatpilot.local.it.robustness.Caller.VIEWER;

import io.seatpilot.local.gateway.Route;
import java.util.EnumSet;
import java.util.Set;

/**
 * SPEC §3's role table, read for a route of template.yaml by its method and path. A route this class cannot
 * place fails the tests that use it, so a new route gets a row here instead of silently escaping the matrix.
 */
final class RouteRules {

    private RouteRules() {
    }

    /** What a route accepts. {@code capability}: the path's token is the credential (no role applies). */
    record Rule(Set<Caller> allowed, boolean capability, String specRow) {

        /** Only device keys: a person's JWT is not a credential this route reads. */
        boolean deviceOnly() {
            return !capability && allowed.stream().noneMatch(c -> !c.isDevice());
        }
    }

    static Rule of(Route route) {
        String method = route.method();
        String path = route.path().orElseThrow(() -> new AssertionError("a $default route: " + route.routeKey())).text();
        String key = method + " " + path;
        if (key.equals("POST /v1/events")) {
            return new Rule(EnumSet.of(KIOSK), false, "telemetry ingest: kiosk key");
        }
        if (path.startsWith("/p/")) {
            return new Rule(EnumSet.noneOf(Caller.class), true, "the guest's pass page and calendar: the token is the capability (§15)");
        }
        if (path.startsWith("/r/") || path.startsWith("/v1/rsvp/")) {
            return new Rule(EnumSet.noneOf(Caller.class), true, "the guest's RSVP page and answers: the pass token is the capability (§16)");
        }
        if (path.startsWith("/v1/passes/")) {
            return new Rule(EnumSet.noneOf(Caller.class), true, "the guest's own view: the token is the capability (§7)");
        }
        if (path.startsWith("/v1/devices")) {
            return new Rule(EnumSet.of(ADMIN), false, "devices, keys: admin");
        }
        if (path.startsWith("/v1/ingest/")) {
            return new Rule(EnumSet.of(ADMIN), false, "ingest admin reads and replay: admin (§5)");
        }
        if (!path.startsWith("/v1/events/{eventId}")) {
            throw new AssertionError("SPEC §3 row unknown for " + key + ": add it to RouteRules");
        }
        String rest = path.substring("/v1/events/{eventId}".length());
        if (rest.isEmpty() && method.equals("PUT")) {
            return new Rule(EnumSet.of(ADMIN), false, "event create/update: admin");
        }
        if (rest.equals("/guests") || rest.equals("/tables") || rest.equals("/passes") || rest.startsWith("/seating")) {
            return new Rule(EnumSet.of(ADMIN, PLANNER), false, "guests, households, tables, seating: admin, planner");
        }
        if (rest.equals("/guests/{guestId}/export") || method.equals("DELETE") && rest.equals("/guests/{guestId}")) {
            return new Rule(EnumSet.of(ADMIN), false, "personal data requests, export and erasure (SPEC §16): admin");
        }
        if (rest.equals("/invitations")) {
            return new Rule(EnumSet.of(ADMIN, PLANNER), false, "invitations and reminders, and their status (SPEC §16): admin, planner");
        }
        if (method.equals("GET") && rest.equals("/guests/{guestId}")) {
            return new Rule(EnumSet.of(ADMIN, PLANNER), false, "a guest with personal fields opened (SPEC §16): admin, planner");
        }
        if (rest.startsWith("/checkins") || rest.equals("/checkouts") || rest.equals("/guests/search") || rest.equals("/arrivals")) {
            return new Rule(EnumSet.of(ADMIN, OPS, STAFF, KIOSK), false,
                    "check-in, check-out (§17), name search, arrival: admin, ops, staff, kiosk");
        }
        if (method.equals("GET") && rest.equals("/doorlist")) {
            return new Rule(EnumSet.of(ADMIN, OPS, STAFF, KIOSK), false, "the door list (§15): kiosk key, staff/ops/admin");
        }
        if (method.equals("POST") && rest.equals("/walkins")) {
            return new Rule(EnumSet.of(ADMIN, OPS, STAFF, KIOSK), false, "walk-ins (SPEC §17): like check-in, admin, ops, staff, kiosk");
        }
        if (method.equals("POST") && rest.equals("/reseats")) {
            return new Rule(EnumSet.of(ADMIN, OPS, PLANNER), false, "re-seats (SPEC §17): admin, ops, planner");
        }
        if (method.equals("GET") && (rest.equals("/doorlist.pdf") || rest.equals("/doorlist.csv"))) {
            return new Rule(EnumSet.of(ADMIN, PLANNER, OPS), false, "the printed door list (§15): admin, planner, ops");
        }
        if (rest.endsWith("/ack")) {
            return new Rule(EnumSet.of(ADMIN, OPS), false, "acknowledge alerts: admin, ops");
        }
        if (!method.equals("GET") && (rest.startsWith("/alerts") || rest.startsWith("/exits") || rest.startsWith("/muster")
                || rest.startsWith("/incidents"))) {
            // a kiosk raises safety.* facts through signed telemetry (POST /v1/events); these HTTP routes sit behind
            // the JWT authorizer, so a key is not a credential they read
            return new Rule(EnumSet.of(ADMIN, OPS), false, "raise/clear alerts, exits, muster, incidents: admin, ops");
        }
        if (method.equals("GET") && rest.equals("/audit")) {
            return new Rule(EnumSet.of(ADMIN, OPS), false, "read the audit (SPEC §17): admin, ops");
        }
        if (method.equals("GET") && (rest.equals("/live/snapshot") || rest.equals("/kpis") || rest.equals("/alerts")
                || rest.equals("/exits") || rest.equals("/muster") || rest.equals("/incidents"))) {
            return new Rule(EnumSet.of(ADMIN, PLANNER, OPS, STAFF, VIEWER), false, "Ops Live views, KPIs: every person");
        }
        throw new AssertionError("SPEC §3 row unknown for " + key + ": add it to RouteRules");
    }
}
