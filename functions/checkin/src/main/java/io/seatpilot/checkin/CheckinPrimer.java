package io.seatpilot.checkin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.checkin.Actor;
import io.seatpilot.core.checkin.CheckinRequest;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.DoorCard;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.checkin.Scan;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.devices.DeviceSecrets;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.http.ApiException;
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
import io.seatpilot.core.signing.NonceStore;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.telemetry.EventStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The door's first scan, before the snapshot: a kiosk's signed check-in is verified the door's way (its nonce
 * written beside the reads), counted against its rate limit, parsed, and handed to the check-in rules, all on
 * {@link OfflineClients}: the event is not found there, so the rules stop at their reads, and the check-in's own
 * transaction and the household read are marshalled through the door's store; then the card is put in the door's
 * language and written as JSON, and the 409 problem beside it; an event definition is read as the store reads it,
 * and DynamoDB's client path runs against a loopback answer ({@link DynamoDbPriming}); last the real handler
 * refuses each staff route without credentials, and an unknown route.
 */
final class CheckinPrimer implements Primer {

    /** KMS's answer to the secret's derivation; DynamoDB ignores the field and reads an empty answer. */
    private static final String ANSWER = "{\"Mac\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"KeyId\":\"priming\","
            + "\"MacAlgorithm\":\"HMAC_SHA_256\"}";
    private static final String TENANT = "priming";
    private static final String EVENT = "priming-event";
    /** An event as the set-up store keeps it, every part present, so its reader meets each of its records. */
    private static final String EVENT_DEFINITION = """
            {"name":"Priming","kind":"gala","starts_at":1767225600000,"timezone":"Europe/Madrid",
             "zones":[{"id":"z1","name":"Garden","letter":"A","color":"#1f77b4","capacity":100}],
             "exits":[{"id":"north","name":"North door","status":"OPEN"}],
             "muster_points":[{"id":"m1","name":"Car park","zone":"z1"}],"venue":"Venue","default_locale":"es",
             "stops":[{"id":"main","name":"Dinner","starts_at":1767225600000,"venue":"Venue","address":"Street 1"}],
             "rsvp_deadline":1767139200000,"on_call":[{"phone":"+34600000000","email":"oncall@example.invalid"}]}""";

    private final CheckinHandler handler;
    private final Env env;

    CheckinPrimer(CheckinHandler handler, Env env) {
        this.handler = handler;
        this.env = env;
    }

    @Override
    public void prime() throws Exception {
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder, ANSWER);
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, ANSWER);
             var nonceWriter = Executors.newVirtualThreadPerTaskExecutor()) {
            DeviceKey kiosk = new DeviceKey(TENANT, TENANT + ".priming-only-key-0001", "kiosk-1", Role.KIOSK, Set.of(EVENT),
                    clock.millis(), null, null);
            new DeviceKeyStore(dynamo, table).find(kiosk.tenantId(), kiosk.keyId());
            DeviceSecrets secrets = new DeviceSecrets(kms, "priming");
            var verifier = new SignedRequestVerifier((tenant, keyId) -> Optional.of(kiosk), secrets::secretFor,
                    new NonceStore(dynamo, table)::recordOnce, clock);

            String path = "/v1/events/" + EVENT + "/checkins";
            String body = Json.write(new HashMap<>(Map.of("checkin_id", "00000000-0000-4000-8000-000000000001",
                    "pass", "priming-only-pass", "mode", "qr", "scanned_at", clock.millis(), "tenant_id", TENANT)));
            var headers = new HashMap<>(new RequestSigner(kiosk.keyId(), secrets.secretFor(TENANT, kiosk.keyId()), clock)
                    .sign("POST", path, body));
            headers.put("content-type", "application/json");
            ApiRequest request = ApiRequest.from(Priming.request("POST", path, headers, body));
            var door = verifier.verify(request, 16 * 1024, nonceWriter);
            new RateLimiter(new DynamoRateLimitStore(dynamo, table), clock).acquire(RateLimit.CHECKIN, door.device());
            ObjectNode fields = JsonBodies.object(request, Set.of("checkin_id", "pass", "mode", "scanned_at", "tenant_id"));
            CheckinRequest checkin = CheckinRequest.online(EVENT, fields, clock.millis());

            EventSetupStore setup = new EventSetupStore(dynamo, table);
            CheckinStore store = new CheckinStore(dynamo, table);
            var checkins = new Checkins(new EventContexts(setup, dynamo, table), setup, new PassStore(dynamo, table), store,
                    new EventStore(dynamo, table), clock);
            try {
                checkins.checkIn(Actor.of(door.device()), checkin, true, door::confirm);
                throw new IllegalStateException("The priming check-in found an event where there is none");
            } catch (ApiException refused) {
                ApiResponse.problem(refused.problem()).toGatewayResponse(request.requestId());
            }
            Scan scan = new Scan("g-priming", checkin.checkinId(), checkin.scannedAt(), clock.millis(), kiosk.deviceId(),
                    checkin.mode(), "A");
            store.claim(TENANT, EVENT, List.of(scan), null, null);
            store.states(TENANT, EVENT, List.of("g-priming", "g-priming-2"));

            Messages messages = Messages.of(Languages.resolve(null, "es-ES,es;q=0.9", () -> "en"));
            DoorCard card = new DoorCard(checkin.checkinId(), scan.checkedInAt(), scan.guestId(), "Ana", "G", "12", null,
                    new DoorCard.ZoneMark("A", "#1f77b4"), null, true, new DoorCard.HouseholdStatus(2, 1, List.of("Luis")),
                    true, List.of("vip"), false);
            ApiResponse.json(201, card.in(messages)).toGatewayResponse(request.requestId());
            ObjectNode problem = (ObjectNode) Json.tree(Problem.of(Reason.ALREADY_CHECKED_IN, "This guest was checked in by another scan"));
            problem.set("first_checkin", Json.tree(scan.asFirst()));
            // every scan publishes its stages in one EMF document; the first one sets the library up. Its own
            // namespace keeps this one document out of the door's dashboards and alarms.
            new Metrics("SeatPilot/Priming", "checkin").milliseconds(Map.of("PrimedStage", 0.0));
        }
        Json.MAPPER.readValue(EVENT_DEFINITION, EventDefinition.class);
        DynamoDbPriming.prime(env);
        // the guest's own pages are left out: their path is their credential, and a request to them is a look-up
        Priming.routes(handler, "checkin", "POST /v1/events/{eventId}/checkins", "GET /v1/events/{eventId}/checkins",
                "POST /v1/events/{eventId}/checkins/{checkinId}/undo", "POST /v1/events/{eventId}/checkouts",
                "GET /v1/events/{eventId}/guests/search", "POST /v1/events/{eventId}/arrivals",
                "GET /v1/events/{eventId}/doorlist", "POST /v1/events/{eventId}/walkins", "POST /v1/events/{eventId}/reseats");
    }
}
