package io.seatpilot.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.DoorWiring;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.checkin.Scan;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.CachedDeviceKeys;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.signing.PrimingKiosk;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.PlanSummary;
import io.seatpilot.seating.ScoreBreakdown;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The door's first scan, before the snapshot: a kiosk's signed check-in answered by the function's own route
 * ({@link ScanRoute}) over the door's real stores — its key record read through the door's key cache and store, its
 * secret derived, its nonce written and its lease taken, the event view and the party (pass, guest with household)
 * read beside the secret, the claim transaction written, the card put in the door's language — on clients whose
 * HTTP client answers each request itself from canned items of a made-up tenant ({@link #answer}), so nothing is
 * sent; then the check-in's state read back and decoded, the 409 problem written, DynamoDB's client path run
 * against a loopback answer ({@link DynamoDbPriming}), and the real handler refusing each staff route without
 * credentials, and an unknown route.
 */
record CheckinPrimer(CheckinHandler handler, Env env) implements Primer {

    private static final String TENANT = "priming";
    private static final String EVENT = "priming-event";
    private static final String GUEST = "g-priming";
    private static final String HOUSEHOLD = "h-priming";
    /** Shaped as a pass the made-up tenant issued (its random part fixed): the pass store hashes it and reads. */
    private static final String PASS = "A".repeat(32) + TENANT;
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
        var kiosk = new AtomicReference<PrimingKiosk>();
        var claimed = new AtomicReference<JsonNode>();
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder,
                (operation, request) -> answer(operation, request, kiosk.get(), claimed));
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, PrimingKiosk.OFFLINE_ANSWER)) {
            // the door's verifier as DeviceWiring builds it: key records through its cache and store
            kiosk.set(PrimingKiosk.reading(new CachedDeviceKeys(new DeviceKeyStore(dynamo, table), CachedDeviceKeys.DOOR_LIFETIME,
                    10)::find, dynamo, kms, table, TENANT, Set.of(EVENT), clock));
            var contexts = new EventContexts(new EventSetupStore(dynamo, table), new SeatingStore(dynamo, table));
            var route = new ScanRoute(kiosk.get().verifier(), token -> {
                throw new IllegalStateException("The priming scan is signed");
            }, DoorWiring.checkins(contexts, new EventSetupStore(dynamo, table), new PassStore(dynamo, table), dynamo, table, clock),
                    contexts, new RateLimiter(new DynamoRateLimitStore(dynamo, table), clock),
                    // its own namespace keeps this one document out of the door's dashboards and alarms
                    new Metrics("SeatPilot/Priming", "checkin"), clock);

            String path = "/v1/events/" + EVENT + "/checkins";
            String body = Json.write(new HashMap<>(Map.of("checkin_id", "00000000-0000-4000-8000-000000000001",
                    "pass", PASS, "mode", "qr", "scanned_at", clock.millis(), "tenant_id", TENANT)));
            // no language asked for: the card takes the event's own, read from the view; a kiosk's header is parsed below
            var event = Priming.request("POST", path, kiosk.get().sign("POST", path, body), body);
            event.setPathParameters(Map.of("eventId", EVENT));
            ApiResponse answer = route.checkIn(ApiRequest.from(event));
            if (answer.status() != 201) {
                throw new IllegalStateException("The priming scan ended " + answer.status());
            }
            answer.toGatewayResponse("priming");
            if (contexts.context(TENANT, EVENT).filter(view -> "t1".equals(view.publishedTables().get(GUEST))
                    && view.tables().containsKey("t1")).isEmpty()) {
                throw new IllegalStateException("The priming event view was not loaded");
            }
            // the state the claim wrote, read back as a 409 and a household's card read it
            Scan state = new CheckinStore(dynamo, table).states(TENANT, EVENT, List.of(GUEST)).get(GUEST);
            if (state == null) {
                throw new IllegalStateException("The priming check-in's state was not read back");
            }
            Languages.resolve(null, "es-ES,es;q=0.9", () -> "en");
            ObjectNode problem = (ObjectNode) Json.tree(Problem.of(Reason.ALREADY_CHECKED_IN, "This guest was checked in by another scan"));
            problem.set("first_checkin", Json.tree(state.asFirst()));
        }
        DynamoDbPriming.prime(env);
        // the guest's own pages are left out: their path is their credential, and a request to them is a look-up
        Priming.routes(handler, "checkin", "POST /v1/events/{eventId}/checkins", "GET /v1/events/{eventId}/checkins",
                "POST /v1/events/{eventId}/checkins/{checkinId}/undo", "POST /v1/events/{eventId}/checkouts",
                "GET /v1/events/{eventId}/guests/search", "POST /v1/events/{eventId}/arrivals",
                "GET /v1/events/{eventId}/doorlist", "POST /v1/events/{eventId}/walkins", "POST /v1/events/{eventId}/reseats");
    }

    /**
     * DynamoDB's answer to each call of the scan, chosen by operation and key: the kiosk's key record, the pass, the
     * guest and their household, the check-in state the claim wrote (kept from its transaction), the event view's
     * items; every write succeeds.
     */
    private static String answer(String operation, JsonNode request, PrimingKiosk kiosk, AtomicReference<JsonNode> claimed) {
        return switch (operation) {
            case "GetItem" -> switch (request.path("Key").path("sk").path("S").asText()) {
                case "KEY" -> kiosk.keyRecord();
                case "PASS" -> """
                        {"Item":{"pk":%s,"sk":{"S":"PASS"},"event_id":{"S":"%s"},"guest_id":{"S":"%s"},
                         "guest_household_id":{"S":"%s"},"issued_at":{"N":"1767139200000"}}}"""
                        .formatted(request.path("Key").path("pk"), EVENT, GUEST, HOUSEHOLD);
                default -> eventViewAnswer();
            };
            case "Query" -> eventViewAnswer();
            case "BatchGetItem" -> {
                ObjectNode answer = Json.MAPPER.createObjectNode();
                ObjectNode responses = answer.putObject("Responses");
                answer.putObject("UnprocessedKeys");
                // DynamoDB names the capacity used whether asked or not; its list is decoded on the first scan too
                answer.putArray("ConsumedCapacity");
                request.path("RequestItems").fields().forEachRemaining(asked -> {
                    var items = responses.putArray(asked.getKey());
                    asked.getValue().path("Keys").forEach(key -> {
                        String pk = key.path("pk").path("S").asText();
                        if (pk.endsWith("#GUEST")) {
                            items.add(Json.tree(Map.of("pk", key.get("pk"), "sk", key.get("sk"),
                                    "first_name", Map.of("S", "Ana"), "last_name", Map.of("S", "García"),
                                    "household_id", Map.of("S", HOUSEHOLD), "tags", Map.of("SS", List.of("vip")),
                                    "rsvp", Map.of("S", "confirmed"), "table_id", Map.of("S", "t1"),
                                    "sealed_dietary", Map.of("B", "AAAA"), "locale", Map.of("S", "es"))));
                        } else if (pk.endsWith("#HOUSEHOLD")) {
                            items.add(Json.tree(Map.of("pk", key.get("pk"), "sk", key.get("sk"), "name", Map.of("S", "García"),
                                    "members", Map.of("S", Json.write(List.of(Map.of("guest_id", GUEST, "first_name", "Ana",
                                            "declined", false)))))));
                        } else if (claimed.get() != null && key.equals(keyOf(claimed.get()))) {
                            items.add(claimed.get());
                        }
                    });
                });
                yield answer.toString();
            }
            case "TransactWriteItems" -> {
                request.path("TransactItems").forEach(write -> {
                    JsonNode item = write.path("Put").path("Item");
                    if (item.path("pk").path("S").asText().endsWith("#CHECKIN")) {
                        claimed.set(item);
                    }
                });
                yield "{\"ConsumedCapacity\":[]}";
            }
            default -> "{}";
        };
    }

    private static JsonNode keyOf(JsonNode item) {
        return Json.tree(Map.of("pk", item.get("pk"), "sk", item.get("sk")));
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
}
