package io.seatpilot.core.aws;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.snapstart.SnapStartHooks;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS SDK clients of one function, built from its environment: one of each service at most, all on one
 * HTTP client. A slice asks for the client of the service it calls (its module declares that service), so the
 * kernel names no service. The URL-connection HTTP client is used
 * because it starts faster and weighs less than Apache or Netty, which matters for cold starts. Endpoints
 * follow the SDK's own {@code AWS_ENDPOINT_URL_<SERVICE>} convention, read from the function's {@link Env}
 * so the local stack can point each hosted function at its stand-ins.
 */
public final class AwsClients {

    private static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private final Env env;
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;
    private final Map<String, SdkClient> built = new ConcurrentHashMap<>();

    /** Clients built at a function's init: their credentials and connections are renewed around its snapshot. */
    public AwsClients(Env env) {
        this.env = env;
        SnapStartHooks hooks = SnapStartHooks.of(env);
        this.httpClient = hooks.register(new SnapshotSafeHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build(), SnapStartHooks.snapshotComing(env)));
        this.credentials = hooks.register(new RestorableCredentials(this::credentials));
    }

    /**
     * The function's client of {@code service} ({@code DYNAMODB}, {@code KMS}…, the suffix of its
     * {@code AWS_ENDPOINT_URL_<SERVICE>} variable), built on first use and shared by every slice that calls it.
     */
    public <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(String service,
            Class<C> type, Supplier<B> builder) {
        return type.cast(built.computeIfAbsent(service, s -> configure(builder.get(), s).httpClient(httpClient).build()));
    }

    public DynamoDbClient dynamoDb() {
        return client("DYNAMODB", DynamoDbClient.class, DynamoDbClient::builder);
    }

    /** The one HTTP client all of a function's AWS clients share (also for clients built outside this class). */
    public SdkHttpClient httpClient() {
        return httpClient;
    }

    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceEnvSuffix) {
        builder.region(Region.of(env.optional("AWS_REGION", "us-east-1")))
                .credentialsProvider(credentials);
        endpointOverride(serviceEnvSuffix).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The {@code AWS_ENDPOINT_URL_<SERVICE>} the environment sets (the local stack does; a stage does not). */
    public Optional<URI> endpointOverride(String serviceEnvSuffix) {
        return env.optional("AWS_ENDPOINT_URL_" + serviceEnvSuffix).map(URI::create);
    }

    /**
     * In Lambda the SDK's default chain: under SnapStart that is the container credentials endpoint, never access
     * key variables. The map-based Env is not always the process environment, so what it names itself wins:
     * explicit keys (tools, tests) or a container endpoint of its own (functions hosted side by side by the local
     * stack, each with its own execution role).
     */
    private AwsCredentialsProvider credentials() {
        Optional<String> accessKey = env.optional("AWS_ACCESS_KEY_ID");
        if (accessKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), env.require("AWS_SECRET_ACCESS_KEY")));
        }
        Optional<String> container = env.optional(CONTAINER_CREDENTIALS_URI);
        if (container.isPresent() && !container.get().equals(System.getenv(CONTAINER_CREDENTIALS_URI))) {
            return new HostedContainerCredentials(URI.create(container.get()), env.require("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
