package io.seatpilot.checkin;

import io.seatpilot.core.event.GuestBatch;
import io.seatpilot.core.event.NameHit;
import io.seatpilot.core.event.OpenedPass;
import io.seatpilot.core.event.Pass;
import io.seatpilot.core.signing.PrimingKiosk;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.checkin.Actor;
import java.util.Collection;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.PlanSummary;
import io.seatpilot.seating.ScoreBreakdown;
import io.seatpilot.core.event.TableLayout;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.checkin.PassBook;
import io.seatpilot.core.checkin.GuestDirectory;
import io.seatpilot.core.checkin.EventContext;
import io.seatpilot.core.checkin.DoorRules;
import io.seatpilot.core.checkin.CheckinResult;
import io.seatpilot.core.checkin.CheckinRequest;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.DoorCard;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.checkin.Scan;
import io.seatpilot.core.auth.Caller;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The door's first scan, before the snapshot: a kiosk's signed check-in is verified the door's way (its nonce
 * written beside the reads), counted against its rate limit, parsed, and checked in by the door's rules over an
 * event of the primer's own (one seated guest with a pass) and the door's ledger on {@link OfflineClients}, so the
 * claim transaction is marshalled and never sent; the card is put in the door's language and written as JSON, the
 * 409 problem beside it, the stage metrics document once; the event context is read through its store, and
 * DynamoDB's client path runs against a loopback answer ({@link DynamoDbPriming}); last the real handler refuses
 * each staff route without credentials, and an unknown route.
 */
record CheckinPrimer(CheckinHandler handler, Env env) implements Primer {

    private static final String TENANT = "priming";
    private static final String EVENT = "priming-event";
    private static final String GUEST = "g-priming";
    /** An event as the set-up store keeps it, every part present, so its reader meets each of its records. */
    private static final String EVENT_DEFINITION = """
            {"name":"Priming","kind":"gala","starts_at":1767225600000,"timezone":"Europe/Madrid",
             "zones":[{"id":"z1","name":"Garden","letter":"A","color":"#1f77b4","capacity":100}],
             "exits":[{"id":"north","name":"North door","status":"OPEN"}],
             "muster_points":[{"id":"m1","name":"Car park","zone":"z1"}],"venue":"Venue","default_locale":"es",
             "stops":[{"id":"main","name":"Dinner","starts_at":1767225600000,"venue":"Venue","address":"Street 1"}],
             "rsvp_deadline":1767139200000,"on_call":[{"phone":"+34600000000","email":"oncall@example.invalid"}]}""";

    @Override
    public void prime() {
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder, PrimingKiosk.OFFLINE_ANSWER);
             DynamoDbClient views = OfflineClients.client(env, DynamoDbClient::builder, eventViewAnswer());
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, PrimingKiosk.OFFLINE_ANSWER)) {
            var kiosk = PrimingKiosk.on(dynamo, kms, table, TENANT, Set.of(EVENT), clock);

            String path = "/v1/events/" + EVENT + "/checkins";
            String body = Json.write(new HashMap<>(Map.of("checkin_id", "00000000-0000-4000-8000-000000000001",
                    "pass", "priming-only-pass", "mode", "qr", "scanned_at", clock.millis(), "tenant_id", TENANT)));
            ApiRequest request = ApiRequest.from(Priming.request("POST", path, kiosk.sign("POST", path, body), body));
            // the event view read as the handler reads it: started once the key is read, joined by the scan's read
            var contexts = new EventContexts(new EventSetupStore(views, table), new SeatingStore(views, table));
            Caller door = Callers.signedOrBearer(request, 16 * 1024, kiosk.verifier(), token -> {
                throw new IllegalStateException("The priming scan is signed");
            }, Set.of(Role.KIOSK), device -> contexts.prefetch(device.tenantId(), EVENT));
            // as the handler takes it: beside the reads, awaited before the claim
            var admitted = new RateLimiter(new DynamoRateLimitStore(dynamo, table), clock).acquireBeside(RateLimit.CHECKIN, door.principal());
            ObjectNode fields = JsonBodies.object(request, Set.of("checkin_id", "pass", "mode", "scanned_at", "tenant_id"));
            CheckinRequest checkin = CheckinRequest.online(EVENT, fields, clock.millis());

            // the door's rules over the event of this primer (one guest, seated, with a pass) and its own ledger on
            // the offline client: the scan is admitted, its claim transaction marshalled, its card built
            CheckinStore store = new CheckinStore(dynamo, table);
            var checkins = new Checkins(new DoorRules((tenant, event) -> Optional.of(context()), new PrimingGuests(),
                    new PrimingPasses(clock.millis()), store, (tenant, eventId) -> Optional.empty(), clock));
            Object answer = switch (checkins.checkIn(Actor.of(door.principal()), checkin, true, () -> {
                door.confirm();
                admitted.await();
            })) {
                case CheckinResult.Created created -> created.answer();
                case CheckinResult outcome -> throw new IllegalStateException("The priming scan ended " + outcome);
            };
            if (contexts.context(TENANT, EVENT).filter(view -> "t1".equals(view.publishedTables().get(GUEST))
                    && view.tables().containsKey("t1")).isEmpty()) {
                throw new IllegalStateException("The priming event view was not loaded");
            }
            Scan scan = new Scan(GUEST, checkin.checkinId(), checkin.scannedAt(), clock.millis(), kiosk.key().deviceId(),
                    checkin.mode(), "z1");
            store.states(TENANT, EVENT, List.of(GUEST, "g-priming-2"));

            Messages messages = Messages.of(Languages.resolve(null, "es-ES,es;q=0.9", () -> "en"));
            ApiResponse.json(201, answer instanceof DoorCard card ? card.in(messages) : answer).toGatewayResponse(request.requestId());
            ObjectNode problem = (ObjectNode) Json.tree(Problem.of(Reason.ALREADY_CHECKED_IN, "This guest was checked in by another scan"));
            problem.set("first_checkin", Json.tree(scan.asFirst()));
            // every scan publishes its stages in one EMF document; the first one sets the library up. Its own
            // namespace keeps this one document out of the door's dashboards and alarms.
            new Metrics("SeatPilot/Priming", "checkin").milliseconds(Map.of("PrimedStage", 0.0));
        }
        DynamoDbPriming.prime(env);
        // the guest's own pages are left out: their path is their credential, and a request to them is a look-up
        Priming.routes(handler, "checkin", "POST /v1/events/{eventId}/checkins", "GET /v1/events/{eventId}/checkins",
                "POST /v1/events/{eventId}/checkins/{checkinId}/undo", "POST /v1/events/{eventId}/checkouts",
                "GET /v1/events/{eventId}/guests/search", "POST /v1/events/{eventId}/arrivals",
                "GET /v1/events/{eventId}/doorlist", "POST /v1/events/{eventId}/walkins", "POST /v1/events/{eventId}/reseats");
    }

    /**
     * One answer to every read of the door's event view, each read taking its own attributes: the definition, the
     * plan's revision with its seats, the published plan (gzipped, every part of the plan file present: the day-of
     * changes read it) and a table with every field. A restored instance's first scan decodes these — the plan file's Jackson deserializers are built on
     * first use — so the primer loads the view through the real stores rather than around them.
     */
    static String eventViewAnswer() {
        PlanFile plan = new PlanFile(true, 12L, new ScoreBreakdown(12, 10, 4, 2, 1, 0, 0), Map.of(GUEST, "t1"), List.of(),
                Map.of(GUEST, List.of("Seated with the VIP table")), new PlanSummary(Map.of("t1", new PlanSummary.Fill(1, 10)),
                List.of(new PlanSummary.SplitHousehold("h1", 2, List.of("t1"), "capacity"))), null);
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.putObject("definition").put("S", EVENT_DEFINITION);
        item.putObject("revision").put("N", "1");
        item.putObject("seats_gz").put("B", java.util.Base64.getEncoder().encodeToString(SeatingStore.gzip(Json.write(plan.assignments()))));
        item.putObject("plan_gz").put("B", java.util.Base64.getEncoder().encodeToString(SeatingStore.gzip(Json.write(plan))));
        ObjectNode table = Json.MAPPER.createObjectNode();
        table.putObject("sk").put("S", "t1");
        table.putObject("label").put("S", "12");
        table.putObject("zone").put("S", "z1");
        table.putObject("capacity").put("N", "10");
        table.putObject("shape").put("S", "round");
        table.putObject("tags").putArray("SS").add("accessible");
        table.putObject("x").put("N", "1.5");
        table.putObject("y").put("N", "2");
        table.putObject("seat_labels").putArray("L").addObject().put("S", "1");
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("Item", item);
        answer.putArray("Items").add(table);
        answer.put("Count", 1).put("ScannedCount", 1);
        return answer.toString();
    }

    private static EventContext context() {
        try {
            return new EventContext(EVENT, Json.MAPPER.readValue(EVENT_DEFINITION, EventDefinition.class),
                    Map.of("t1", new TableLayout("t1", "12", "z1", 10, "round", Set.of(), null, null, List.of())), Map.of(GUEST, "t1"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The priming event's one guest, a seated VIP of no household. */
    private static final class PrimingGuests implements GuestDirectory {

        @Override
        public GuestBatch party(String tenant, String event, Collection<String> guestIds, Collection<String> householdIds) {
            return new GuestBatch(Map.of(GUEST, new Guest(GUEST, "Ana", "García", null, Set.of("vip"),
                    Guest.Rsvp.CONFIRMED, null, null, "t1", null, null)), Map.of());
        }

        @Override
        public Optional<Household> household(String tenant, String event, String householdId) {
            return Optional.empty();
        }

        @Override
        public Map<String, Set<String>> declinedStops(String tenant, String event, Collection<String> guestIds) {
            return Map.of();
        }

        @Override
        public List<NameHit> searchNames(String tenant, String event, String foldedPrefix, int limit) {
            return List.of();
        }
    }

    /** The priming guest's pass, whatever token is shown. */
    private record PrimingPasses(long issuedAt) implements PassBook {

        @Override
        public Optional<Pass> find(String tenant, String token) {
            return Optional.of(new Pass(EVENT, GUEST, null, null, issuedAt));
        }

        @Override
        public Optional<Pass> findStored(String tenant, String storedForm) {
            return find(tenant, storedForm);
        }

        @Override
        public Optional<Pass> findByCode(String tenant, String event, String canonicalCode) {
            return Optional.empty();
        }

        @Override
        public Optional<OpenedPass> open(String tenant, String token) {
            return Optional.empty();
        }
    }
}
