package io.seatpilot.core;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.seating.DayOfSeating;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.checkin.CheckinProjection;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.DoorLookups;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.CachedDeviceKeys;
import io.seatpilot.core.devices.DeviceKeyIssuer;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.devices.DeviceSecrets;
import io.seatpilot.core.event.EventSetup;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.doorlist.DoorLists;
import io.seatpilot.core.doorlist.PrintedList;
import io.seatpilot.core.event.ShortCodeKeys;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.invite.Deliveries;
import io.seatpilot.core.invite.InvitationQueue;
import io.seatpilot.core.invite.InvitationSender;
import io.seatpilot.core.invite.Invitations;
import io.seatpilot.core.invite.PassLinks;
import io.seatpilot.core.invite.Reminders;
import io.seatpilot.core.invite.SendRate;
import io.seatpilot.core.personal.EventDataKeys;
import io.seatpilot.core.personal.PersonalDataRequests;
import io.seatpilot.core.personal.PersonalFields;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.core.rsvp.Rsvps;
import io.seatpilot.core.safety.OnCall;
import io.seatpilot.core.signing.NonceStore;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.snapstart.FreshRandom;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.core.telemetry.EnvelopeValidator;
import io.seatpilot.core.telemetry.EventSchemas;
import io.seatpilot.core.telemetry.EventStore;
import io.seatpilot.core.telemetry.IngestQueue;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.telemetry.QuarantineStore;
import io.seatpilot.core.telemetry.SenderScope;
import io.seatpilot.core.telemetry.TelemetryIngestion;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root a handler builds once, in its constructor (so SnapStart snapshots it warm). Each part is
 * created on first use, so a function only builds — and only needs environment variables for — what it uses.
 */
public final class Services {

    private final Env env;
    private final Clock clock;
    private final SnapStartHooks hooks;
    private final AwsClients clients;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<SqsClient> sqs;
    private final Lazy<KmsClient> kms;
    private final Lazy<SnsClient> sns;
    /** Only the event set-up seals and opens guests' personal fields (and needs the personal-data key). */
    private final Lazy<PersonalFields> personalFields;
    private final Lazy<DeviceSecrets> deviceSecrets;
    /** Only functions that issue or look up short codes build it (and need the root key's id and kms:GenerateMac). */
    private final Lazy<ShortCodeKeys> shortCodeKeys;
    private final Lazy<EventSchemas> schemas;
    private final Lazy<EventContexts> eventContexts;
    private final Lazy<RateLimiter> rateLimiter;
    private final Lazy<FreshRandom> random;

    public Services(Env env, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.hooks = SnapStartHooks.of(env);
        this.clients = new AwsClients(env);
        this.dynamo = new Lazy<>(clients::dynamoDb);
        this.sqs = new Lazy<>(clients::sqs);
        this.kms = new Lazy<>(clients::kms);
        this.sns = new Lazy<>(clients::sns);
        this.deviceSecrets = new Lazy<>(() -> hooks.register(new DeviceSecrets(kms.get(), env.require("DEVICE_KEY_ROOT_ID"))));
        this.shortCodeKeys = new Lazy<>(() -> hooks.register(new ShortCodeKeys(kms.get(), env.require("DEVICE_KEY_ROOT_ID"))));
        this.schemas = new Lazy<>(EventSchemas::new);
        // one per instance: its cache is what spares the door a read of the event's layout on every scan
        this.eventContexts = new Lazy<>(() -> hooks.register(new EventContexts(eventSetupStore(), dynamo(), table())));
        // one per instance: it holds the tokens this instance leased from the shared counters
        this.rateLimiter = new Lazy<>(() -> new RateLimiter(new DynamoRateLimitStore(dynamo(), table()), clock));
        this.random = new Lazy<>(() -> hooks.register(new FreshRandom()));
        this.personalFields = new Lazy<>(() -> new PersonalFields(hooks.register(new EventDataKeys(dynamo(), table(),
                kms.get(), env.require("PERSONAL_DATA_KEY_ID"))), random.get()));
    }

    /**
     * Starts building what verifying and validating a signed upload needs — the three AWS clients and the
     * compiled event schemas — side by side, so that a cold start waits for the slowest of them rather than for
     * their sum. Each is still built once; the handler's first use waits for it.
     */
    public void prefetchSignedIngest() {
        dynamo.prefetch();
        kms.prefetch();
        sqs.prefetch();
        schemas.prefetch();
    }

    public Env env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public String table() {
        return env.require("TABLE_NAME");
    }

    public Metrics metrics() {
        return new Metrics(env.optional("POWERTOOLS_METRICS_NAMESPACE", "SeatPilot"),
                env.optional("POWERTOOLS_SERVICE_NAME", "seatpilot"));
    }

    public RateLimiter rateLimiter() {
        return rateLimiter.get();
    }

    public DeviceKeyStore deviceKeys() {
        return new DeviceKeyStore(dynamo(), table());
    }

    public DeviceKeyIssuer deviceKeyIssuer() {
        return new DeviceKeyIssuer(deviceKeys(), deviceSecrets.get(), random.get(), clock);
    }

    public SignedRequestVerifier signedRequestVerifier() {
        DeviceKeyStore keys = deviceKeys();
        return new SignedRequestVerifier(keys::find, deviceSecrets.get()::secretFor,
                new NonceStore(dynamo(), table())::recordOnce, clock);
    }

    /**
     * The door's verifier: as {@link #signedRequestVerifier()}, but key records are kept for
     * {@link CachedDeviceKeys#DOOR_LIFETIME}, so a scan does not read its kiosk's key every time (a revoked key is
     * refused by the door within that bound).
     */
    public SignedRequestVerifier doorRequestVerifier() {
        var keys = hooks.register(new CachedDeviceKeys(deviceKeys(), CachedDeviceKeys.DOOR_LIFETIME, 10_000));
        return new SignedRequestVerifier(keys::find, deviceSecrets.get()::secretFor,
                new NonceStore(dynamo(), table())::recordOnce, clock);
    }

    /**
     * The worker's check of who sent a queued envelope. Key records are kept longer here: only their role and
     * events are used, and those never change once a key is issued.
     */
    public SenderScope senderScope() {
        return new SenderScope(hooks.register(new CachedDeviceKeys(deviceKeys(), Duration.ofMinutes(5), 10_000))::find);
    }

    public EventStore eventStore() {
        return new EventStore(dynamo(), table());
    }

    public QuarantineStore quarantine() {
        return new QuarantineStore(dynamo(), table());
    }

    public IngestStatsStore ingestStats() {
        return new IngestStatsStore(dynamo(), table());
    }

    public TelemetryIngestion telemetryIngestion() {
        return new TelemetryIngestion(new EnvelopeValidator(schemas.get()),
                new IngestQueue(sqs.get(), env.require("INGEST_QUEUE_URL")), quarantine(), ingestStats(), metrics());
    }

    public EventSetupStore eventSetupStore() {
        return new EventSetupStore(dynamo(), table());
    }

    public PassStore passes() {
        return new PassStore(dynamo(), table(), shortCodeKeys::get);
    }

    /** The event set-up's guest store: the one writer and reader of sealed personal fields. */
    public EventSetupStore personalEventSetupStore() {
        return new EventSetupStore(dynamo(), table(), personalFields.get());
    }

    public EventSetup eventSetup() {
        return new EventSetup(personalEventSetupStore(), passes(), random.get(), onCall());
    }

    /** The on-call channel; {@code ONCALL_TOPIC_ARN} and the SNS client are needed only when it is used. */
    public OnCall onCall() {
        return new OnCall(sns::get, () -> env.require("ONCALL_TOPIC_ARN"), dynamo(), table(), clock);
    }

    public Rsvps rsvps() {
        return new Rsvps(passes(), personalEventSetupStore(), new RsvpStore(dynamo(), table()), new AuditLog(dynamo(), table()));
    }

    /** The planner's side of invitations (the event set-up): records, pass links, the invitation queue. */
    public Invitations invitations() {
        EventSetup setup = eventSetup();
        return new Invitations(personalEventSetupStore(), new Deliveries(dynamo(), table()), passLinks(),
                new InvitationQueue(sqs.get(), env.require("INVITATION_QUEUE_URL")),
                (tenant, event, guestIds) -> setup.issuePasses(tenant, event, guestIdsBody(guestIds), clock.millis()),
                reminders());
    }

    public Reminders reminders() {
        return new Reminders(dynamo(), table());
    }

    /** The sender's side: one message at a time, at {@code SEND_RATE_PER_SECOND} across instances. */
    public InvitationSender invitationSender(InvitationSender.Gateway gateway) {
        return new InvitationSender(new Deliveries(dynamo(), table()), personalEventSetupStore(), passLinks(), passes(),
                gateway, new SendRate(new DynamoRateLimitStore(dynamo(), table()), clock,
                Integer.parseInt(env.require("SEND_RATE_PER_SECOND"))), env.require("PUBLIC_BASE_URL"), clock);
    }

    /** The function's AWS client settings, for clients only one function uses (SES). */
    public AwsClients awsClients() {
        return clients;
    }

    private PassLinks passLinks() {
        return new PassLinks(dynamo(), table(), personalFields.get(), passes());
    }

    private static com.fasterxml.jackson.databind.JsonNode guestIdsBody(java.util.List<String> guestIds) {
        var body = io.seatpilot.core.json.Json.MAPPER.createObjectNode();
        guestIds.forEach(body.putArray("guest_ids")::add);
        return body;
    }

    public PersonalDataRequests personalDataRequests() {
        return new PersonalDataRequests(personalEventSetupStore(), passes(), checkinStore(), auditLog());
    }

    public EventContexts eventContexts() {
        return eventContexts.get();
    }

    public AuditLog auditLog() {
        return new AuditLog(dynamo(), table());
    }

    public io.seatpilot.core.incident.Incidents incidents() {
        return new io.seatpilot.core.incident.Incidents(new io.seatpilot.core.incident.IncidentStore(dynamo(), table()), auditLog(),
                eventSetupStore());
    }

    public CheckinStore checkinStore() {
        return new CheckinStore(dynamo(), table());
    }

    public Checkins checkins() {
        return new Checkins(eventContexts.get(), eventSetupStore(), passes(), checkinStore(), eventStore(), clock);
    }

    public DayOfSeating dayOfSeating() {
        return new DayOfSeating(new SeatingStore(dynamo(), table()), eventSetupStore(), eventContexts.get(), checkins(),
                new AuditLog(dynamo(), table()), table(), clock);
    }

    public DoorLookups doorLookups() {
        return new DoorLookups(eventContexts.get(), eventSetupStore(), passes());
    }

    public DoorLists doorLists() {
        return new DoorLists(eventContexts.get(), eventSetupStore(), passes(), checkinStore());
    }

    public PrintedList printedList() {
        return new PrintedList(eventContexts.get(), eventSetupStore());
    }

    /** The worker's projection of uploaded door facts (the offline path of check-in). */
    public CheckinProjection checkinProjection() {
        return new CheckinProjection(checkins(), metrics());
    }

    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        /** Starts building now on a virtual thread; {@link #get} then waits for it (or builds it, if that failed). */
        void prefetch() {
            Thread.startVirtualThread(this::get);
        }

        T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = factory.get();
                        value = current;
                    }
                }
            }
            return current;
        }
    }
}
