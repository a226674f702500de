package io.seatpilot.core.checkin;

import io.seatpilot.core.seating.StoredPlan;

import io.seatpilot.core.seating.SeatingStore;

import io.seatpilot.core.checkin.Actor;
import io.seatpilot.core.checkin.CheckinRequest;
import io.seatpilot.core.checkin.CheckinResult;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.checkin.Identity;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.GuestImport;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.TableLayout;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import io.seatpilot.seating.HardRules;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.Placement;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SeatingProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Changes of the published plan on the day (SPEC §17): walk-ins seated and checked in in one call, and re-seats.
 * Both change the published plan at once (the door sees it at its next revision check, within a second) and the
 * planner's working plan with it, so the next publish keeps them; both are refused, naming the rule, when they
 * would break a hard rule of either plan. Nobody already seated is ever moved: a walk-in takes free seats only.
 */
public final class DayOfSeating {

    /** Re-seat messages are Ops Live's feed, not a record: the audit trail keeps the record. */
    private static final Duration RESEAT_FEED_TTL = Duration.ofDays(7);

    private static final int ATTEMPTS = 5;

    private final SeatingStore plans;
    private final EventSetupStore setup;
    private final EventContexts contexts;
    private final Checkins checkins;
    private final AuditLog audit;
    private final String table;
    private final Clock clock;

    public DayOfSeating(SeatingStore plans, EventSetupStore setup, EventContexts contexts, Checkins checkins, AuditLog audit,
                        String table, Clock clock) {
        this.plans = plans;
        this.setup = setup;
        this.contexts = contexts;
        this.checkins = checkins;
        this.audit = audit;
        this.table = table;
        this.clock = clock;
    }

    /** A walk-in's guest or companion as the door typed them; tags may hold vip, pmr, child. */
    public record Person(String firstName, String lastName, Set<String> tags) {
        public Person {
            tags = Set.copyOf(tags);
        }
    }

    /** {@code tableId} null: where the seating rules fit them best among free seats. */
    public record WalkIn(String walkinId, Person guest, List<Person> companions, String tableId) {
        public WalkIn {
            companions = List.copyOf(companions);
        }

        /** Ids derived from the walk-in's id, so a repeated request finds what the first one created. */
        List<String> guestIds() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i <= companions.size(); i++) {
                ids.add("walkin-" + walkinId + "-" + i);
            }
            return ids;
        }

        String householdId() {
            return companions.isEmpty() ? null : "walkin-" + walkinId;
        }

        List<Guest> guests(Map<String, String> tables) {
            List<String> ids = guestIds();
            List<Guest> guests = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Person p = i == 0 ? guest : companions.get(i - 1);
                guests.add(new Guest(ids.get(i), p.firstName(), p.lastName(), householdId(), p.tags(), Guest.Rsvp.CONFIRMED,
                        null, null, tables.get(ids.get(i)), null));
            }
            return guests;
        }
    }

    /**
     * Creates the walk-in's guests (companions as one household), seats them and checks them in with
     * {@code checkin_id} = {@code walkin_id}: a repeat finds the guests seated and the check-in made, and answers
     * as a repeated check-in does.
     */
    public CheckinResult walkIn(Actor actor, String event, WalkIn request) {
        String tenant = actor.tenantId();
        contexts.require(tenant, event);
        List<String> ids = request.guestIds();
        Optional<Map<String, String>> seated = Optional.empty();
        for (int attempt = 0; attempt < ATTEMPTS && seated.isEmpty(); attempt++) {
            seated = seat(tenant, event, actor, request, ids);
        }
        if (seated.isEmpty()) {
            throw new ApiException(Reason.UNAVAILABLE, "The plan kept changing while seating the walk-in; retry");
        }
        // the walk-ins' guest records carry their tables, which the door answers with when its cached plan does not
        // know them yet: no reload of the whole plan here (the next revision check brings it)
        long now = clock.millis();
        List<Guest> guests = request.guests(seated.get());
        Household household = request.householdId() == null ? null : new Household(request.householdId(), "walk-in",
                guests.stream().map(g -> new Household.Member(g.id(), g.firstName(), false)).toList());
        CheckinResult result = checkins.checkIn(actor, new CheckinRequest(event, request.walkinId(),
                new Identity.ByWalkIn(guests, household), "walkin", now, null, null), true);
        audit.append(tenant, new AuditLog.Entry("walkin-" + request.walkinId(), event, "walkin", actor.deviceId(), ids.getFirst(),
                now, Map.of("guests", String.valueOf(ids.size()), "table", seated.get().get(ids.getFirst()),
                        "placed", request.tableId() == null ? "engine" : "by_hand", "channel", actor.channel())));
        return result;
    }

    /** One attempt: the guests' tables, or empty when another change of the plans came first. */
    private Optional<Map<String, String>> seat(String tenant, String event, Actor actor, WalkIn request, List<String> ids) {
        Optional<SeatingStore.PublishedPlan> published = plans.publishedWithRevision(tenant, event);
        if (published.isEmpty()) {
            return Optional.of(seatWithoutPlan(tenant, event, request, ids));
        }
        Map<String, String> base = published.get().plan().plan().assignments();
        if (base.keySet().containsAll(ids)) {
            return Optional.of(tablesOf(base, ids)); // seated by an earlier attempt of this walk-in
        }
        SeatingProblem problem = withWalkIns(plans.problem(tenant, event, null, Map.of()), request);
        Optional<StoredPlan> working = plans.plan(tenant, event);
        Map<String, String> tables = place(problem, request, base, working.map(w -> w.plan().assignments())
                .filter(w -> working.get().version() != published.get().plan().version()));
        setup.upsertGuests(tenant, event, request.guests(tables), households(request));
        Set<String> byHand = request.tableId() == null ? Set.of() : Set.copyOf(ids);
        PlanFile changedPublished = changed(problem, base, tables);
        boolean written = plans.changeOnTheDay(tenant, event, published.get(), changedPublished,
                union(published.get().plan().byHand(), byHand), working.map(w -> new SeatingStore.WorkingChange(w,
                        sameAs(w, published.get()) ? changedPublished : changed(problem, w.plan().assignments(), tables),
                        union(w.byHand(), byHand))), List.of(), clock.millis());
        return written ? Optional.of(tables) : Optional.empty();
    }

    /**
     * Seats the walk-in against the published plan; when the planner's working plan differs from it, the seats must
     * be free there too, else the next publish would undo them or overfill a table. The engine tries the published
     * plan first, then the working one; a table given by the door must suit both.
     */
    private static Map<String, String> place(SeatingProblem problem, WalkIn request, Map<String, String> published,
                                             Optional<Map<String, String>> diverged) {
        List<Map<String, String>> plans = new ArrayList<>(List.of(published));
        diverged.ifPresent(plans::add);
        if (request.tableId() != null) {
            Map<String, String> tables = new LinkedHashMap<>();
            request.guestIds().forEach(id -> tables.put(id, request.tableId()));
            if (problem.tables().stream().noneMatch(t -> t.id().equals(request.tableId()))) {
                throw ApiException.field(Reason.NOT_FOUND, "table_id", "No such table on this event");
            }
            plans.forEach(plan -> requireNoNewViolation(problem, plan, tables, "table_id"));
            return tables;
        }
        List<String> reasons = new ArrayList<>();
        for (Map<String, String> plan : plans) {
            switch (SeatingEngine.placeNew(problem.restrictedTo(union(plan.keySet(), Set.copyOf(request.guestIds()))), plan)) {
                case Placement.Placed placed -> {
                    if (plans.stream().allMatch(other -> newViolations(problem, other, placed.tables()).isEmpty())) {
                        return placed.tables();
                    }
                }
                case Placement.Blocked blocked -> reasons.addAll(blocked.reasons());
            }
        }
        throw new ApiException(Problem.of(Reason.EVENT_FULL, "No free seats fit this walk-in; give a table_id to seat them "
                + "elsewhere, or re-seat guests to make room").withViolations(reasons.isEmpty()
                ? List.of("the free seats that fit are not free in the planner's unpublished plan") : reasons.stream().distinct().toList()));
    }

    /**
     * An event seated in a spreadsheet (no published plan): the walk-in takes the given table, or a table with free
     * seats by the guests' imported tables, kept on the guests themselves, where the door reads it.
     */
    private Map<String, String> seatWithoutPlan(String tenant, String event, WalkIn request, List<String> ids) {
        Map<String, String> imported = new HashMap<>();
        Map<String, Guest> existing = new HashMap<>();
        setup.guests(tenant, event).forEach(g -> {
            existing.put(g.id(), g);
            if (g.tableId() != null && g.rsvp() != Guest.Rsvp.DECLINED) {
                imported.put(g.id(), g.tableId());
            }
        });
        if (ids.stream().allMatch(id -> existing.containsKey(id) && existing.get(id).tableId() != null)) {
            return tablesOf(imported, ids);
        }
        SeatingProblem problem = withWalkIns(plans.problem(tenant, event, null, Map.of()), request);
        Map<String, String> tables = place(problem, request, imported, Optional.empty());
        setup.upsertGuests(tenant, event, request.guests(tables), households(request));
        return tables;
    }

    // ---------- re-seats ----------

    public static final Set<String> RESEAT_REASONS = Set.of("vip", "mobility", "group_cohesion", "late_arrival",
            "capacity_balance", "staff_override");

    public record Reseat(String guestId, String toTableId, String reasonCode) {
    }

    /** What a re-seat did; {@code fromTableId} is null for a guest the plan had not seated. */
    public record Reseated(@com.fasterxml.jackson.annotation.JsonProperty("guest_id") String guestId,
                           @com.fasterxml.jackson.annotation.JsonProperty("from_table_id") String fromTableId,
                           @com.fasterxml.jackson.annotation.JsonProperty("to_table_id") String toTableId,
                           @com.fasterxml.jackson.annotation.JsonProperty("table_label") String tableLabel,
                           @com.fasterxml.jackson.annotation.JsonProperty("reason_code") String reasonCode,
                           @com.fasterxml.jackson.annotation.JsonProperty("reseated_at") long reseatedAt) {
    }

    /**
     * Moves one guest on the published plan (and the working plan, so the next publish keeps it). Refused with the
     * broken rule: {@code 409 table_full} for capacity, {@code 422 seating_rule_broken} for the others.
     */
    public Reseated reseat(String tenant, String actorId, String event, Reseat request) {
        contexts.require(tenant, event);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SeatingStore.PublishedPlan published = plans.publishedWithRevision(tenant, event)
                    .orElseThrow(() -> new ApiException(Reason.PLAN_NOT_PUBLISHED, "Publish a seating plan before re-seating guests"));
            SeatingProblem problem = plans.problem(tenant, event, null, Map.of());
            if (problem.guests().stream().noneMatch(g -> g.id().equals(request.guestId()))) {
                throw ApiException.field(Reason.NOT_FOUND, "guest_id", "No such guest on this event");
            }
            if (problem.tables().stream().noneMatch(t -> t.id().equals(request.toTableId()))) {
                throw ApiException.field(Reason.NOT_FOUND, "to_table_id", "No such table on this event");
            }
            Map<String, String> base = published.plan().plan().assignments();
            String from = base.get(request.guestId());
            Map<String, String> move = Map.of(request.guestId(), request.toTableId());
            requireNoNewViolation(problem, base, move, "to_table_id");
            Optional<StoredPlan> working = plans.plan(tenant, event);
            working.filter(w -> w.version() != published.plan().version())
                    .ifPresent(w -> requireNoNewViolation(problem, w.plan().assignments(), move, "to_table_id"));
            long now = clock.millis();
            Set<String> byHand = Set.of(request.guestId());
            PlanFile changedPublished = changed(problem, base, move);
            if (plans.changeOnTheDay(tenant, event, published, changedPublished, union(published.plan().byHand(), byHand),
                    working.map(w -> new SeatingStore.WorkingChange(w, sameAs(w, published) ? changedPublished
                            : changed(problem, w.plan().assignments(), move), union(w.byHand(), byHand))),
                    List.of(feedItem(tenant, event, actorId, request, from, now)), now)) {
                audit.append(tenant, new AuditLog.Entry("reseat-" + request.guestId() + "-" + now, event, "reseat", actorId,
                        request.guestId(), now, details(from, request)));
                TableLayout to = contexts.fresh(tenant, event).tables().get(request.toTableId());
                return new Reseated(request.guestId(), from, request.toTableId(), to == null ? null : to.label(),
                        request.reasonCode(), now);
            }
        }
        throw new ApiException(Reason.UNAVAILABLE, "The plan kept changing while re-seating; retry");
    }

    private static Map<String, String> details(String from, Reseat request) {
        Map<String, String> details = new HashMap<>(Map.of("to_table", request.toTableId(), "reason", request.reasonCode()));
        if (from != null) {
            details.put("from_table", from);
        }
        return details;
    }

    /** The item Ops Live's stream turns into a {@code reseat} message (core/live LiveFacts). */
    private TransactWriteItem feedItem(String tenant, String event, String actorId, Reseat request, String from, long now) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.RESEAT,
                String.format("%013d#%s", now, request.guestId())));
        item.put("guest_id", Items.s(request.guestId()));
        if (from != null) {
            item.put("from_table_id", Items.s(from));
        }
        item.put("to_table_id", Items.s(request.toTableId()));
        item.put("reason_code", Items.s(request.reasonCode()));
        item.put("actor", Items.s(actorId));
        item.put("reseated_at", Items.n(now));
        item.put(Keys.EXPIRES_AT, Items.n(now / 1000 + RESEAT_FEED_TTL.toSeconds()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    // ---------- rules ----------

    /**
     * Refuses {@code change} on {@code plan} when it breaks a hard rule the plan did not already break; capacity is
     * {@code 409 table_full} (the seats are taken: a state that may change), every other rule {@code 422
     * seating_rule_broken}. Each violation starts with its rule's name.
     */
    static void requireNoNewViolation(SeatingProblem problem, Map<String, String> plan, Map<String, String> change,
                                              String field) {
        List<HardRules.Violation> broken = newViolations(problem, plan, change);
        if (broken.isEmpty()) {
            return;
        }
        HardRules.Rule rule = broken.stream().map(HardRules.Violation::rule).filter(r -> r != HardRules.Rule.CAPACITY)
                .findFirst().orElse(HardRules.Rule.CAPACITY);
        Reason reason = rule == HardRules.Rule.CAPACITY ? Reason.TABLE_FULL : Reason.SEATING_RULE_BROKEN;
        throw new ApiException(Problem.of(reason, "This seat breaks the " + rule.code() + " rule")
                .withField(field).withViolations(broken.stream().map(v -> v.rule().code() + ": " + v.message()).toList()));
    }

    private static List<HardRules.Violation> newViolations(SeatingProblem problem, Map<String, String> plan,
                                                           Map<String, String> change) {
        Map<String, String> after = new HashMap<>(plan);
        after.putAll(change);
        SeatingProblem seated = problem.restrictedTo(after.keySet());
        Set<String> before = new HashSet<>(HardRules.violations(seated.restrictedTo(plan.keySet()), plan));
        return HardRules.check(seated, after).stream().filter(v -> !before.contains(v.message())).toList();
    }

    private static PlanFile changed(SeatingProblem problem, Map<String, String> plan, Map<String, String> change) {
        Map<String, String> after = new HashMap<>(plan);
        after.putAll(change);
        return PlanFile.changed(problem.restrictedTo(after.keySet()), after);
    }

    /** The working plan is the published one when it is the version that was published (the usual case on the day). */
    private static boolean sameAs(StoredPlan working, SeatingStore.PublishedPlan published) {
        return working.version() == published.plan().version();
    }

    private static SeatingProblem withWalkIns(SeatingProblem problem, WalkIn request) {
        Set<String> known = new HashSet<>();
        problem.guests().forEach(g -> known.add(g.id()));
        List<io.seatpilot.seating.Guest> guests = new ArrayList<>(problem.guests());
        request.guests(Map.of()).stream().filter(g -> !known.contains(g.id()))
                .forEach(g -> guests.add(new io.seatpilot.seating.Guest(g.id(), g.householdId(), g.tags())));
        return new SeatingProblem(problem.tables(), guests, problem.relations(), problem.mustApart(), problem.locks(),
                problem.current(), problem.weights());
    }

    private static List<GuestImport.HouseholdRow> households(WalkIn request) {
        return request.householdId() == null ? List.of()
                : List.of(new GuestImport.HouseholdRow(request.householdId(), request.guest().lastName() == null
                ? request.guest().firstName() : request.guest().lastName(), request.guestIds(), "walk-in"));
    }

    private static Map<String, String> tablesOf(Map<String, String> plan, List<String> ids) {
        Map<String, String> tables = new LinkedHashMap<>();
        ids.forEach(id -> tables.put(id, plan.get(id)));
        return tables;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
