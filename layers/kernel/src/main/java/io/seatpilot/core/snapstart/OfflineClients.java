package io.seatpilot.core.snapstart;

import io.seatpilot.core.config.Env;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/**
 * SDK clients for a {@link Primer}: the function's services, in its region, with its calls built, validated,
 * marshalled, signed and their answers unmarshalled — but their HTTP client is {@link CannedAnswers}, which
 * answers every request itself, so nothing leaves the process. This is what the SDK's {@code SdkWarmUp} does (with
 * its {@code CannedResponseHttpClient}, one body for all) for one harmless operation per service; a primer calls
 * the operations the function really makes, through the function's own store classes. ({@code SdkWarmUp} itself
 * also sends one unsigned request to the service's public endpoint to warm the HTTP client, which a primer must
 * not: the snapshot closes connections anyway.)
 *
 * <p>Credentials are fixed and fake: they are enough to sign, and fetching the function's real ones at this point
 * would be a request, and would put them into the snapshot.
 */
public final class OfflineClients {

    /** Session credentials, as a function's role gives it, so their classes are the ones primed. */
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIAPRIMINGONLY00000", "priming-only-never-sent", "priming-only-session"));

    private OfflineClients() {
    }

    /**
     * A client of the service {@code builder} builds, answering each call with {@code answerJson} (HTTP 200). One
     * answer serves every operation: fields an operation does not have are ignored by its unmarshaller, so one
     * body can satisfy each call a primer makes (e.g. a KMS {@code Mac} beside nothing DynamoDB reads).
     */
    public static <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Env env, Supplier<B> builder, String answerJson) {
        return client(env, builder, (operation, request) -> answerJson);
    }

    /**
     * A client of the service {@code builder} builds, answering each call with what {@code answer} chooses for it
     * (see {@link CannedAnswers}): for a primer running stores that decode what they read.
     */
    public static <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Env env, Supplier<B> builder, CannedAnswers.Answer answer) {
        return builder.get()
                .region(Region.of(env.optional("AWS_REGION", "us-east-1")))
                .credentialsProvider(CREDENTIALS)
                .httpClient(new CannedAnswers(answer))
                .build();
    }

    /** A client whose every call succeeds with an empty answer ({@code {}}): reads find nothing, writes succeed. */
    public static <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Env env, Supplier<B> builder) {
        return client(env, builder, "{}");
    }
}
