package io.seatpilot.core.wiring;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.snapstart.FreshRandom;
import io.seatpilot.core.snapstart.RestoreCalls;
import io.seatpilot.core.snapstart.SnapStartHooks;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every function of a stage has, whatever its slices: its environment and clock, its snapshot hooks, its
 * AWS clients on one HTTP client, the table, metrics, audit and rate limits. A function's composition root makes
 * one and hands it to the wiring of each slice it uses ({@code DoorWiring}, {@code SafetyWiring}…).
 */
public final class Platform {

    /** A key no item has: {@code ~} is no tenant id's character, so it is no tenant's key either. */
    private static final Map<String, AttributeValue> NO_ITEM = Map.of("pk", AttributeValue.fromS("T#~snapstart#restore"),
            "sk", AttributeValue.fromS("restore"));

    private final Env env;
    private final Clock clock;
    private final SnapStartHooks hooks;
    private final AwsClients clients;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<RateLimiter> rateLimiter;
    private final Lazy<FreshRandom> random;
    private final Lazy<RestoreCalls> restoreCalls;

    public Platform(Env env, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.hooks = SnapStartHooks.of(env);
        this.clients = new AwsClients(env);
        this.dynamo = new Lazy<>(clients::dynamoDb);
        // one per instance: it holds the tokens this instance leased from the shared counters
        this.rateLimiter = new Lazy<>(() -> new RateLimiter(new DynamoRateLimitStore(dynamo(), table()), clock));
        this.random = new Lazy<>(() -> hooks.register(new FreshRandom()));
        this.restoreCalls = new Lazy<>(() -> RestoreCalls.register(hooks));
    }

    /** The platform of a function running in Lambda: its process environment and the system clock. */
    public static Platform fromSystem() {
        return new Platform(Env.fromSystem(), Clock.systemUTC());
    }

    public Env env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public SnapStartHooks hooks() {
        return hooks;
    }

    public AwsClients clients() {
        return clients;
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    /** Starts building the DynamoDB client now, so a cold start waits for the slowest client, not their sum. */
    public void prefetchDynamo() {
        dynamo.prefetch();
    }

    /**
     * The function's calls after a SnapStart restore (see {@link RestoreCalls}), with the table's: an eventually
     * consistent read of a key no item has, which fetches the role's credentials and connects to DynamoDB. A slice
     * adds the call of each other service the function uses ({@code DeviceWiring}, {@code TelemetryWiring}).
     */
    public RestoreCalls restoreCalls() {
        // the client first: its own restore hooks (connections, credentials) must be registered, and so run, before
        // the calls that use it
        DynamoDbClient client = dynamo();
        return restoreCalls.get().add("dynamodb", () -> client.getItem(b -> b.tableName(table()).key(NO_ITEM)));
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

    public FreshRandom random() {
        return random.get();
    }

    public AuditLog auditLog() {
        return new AuditLog(dynamo(), table());
    }
}
