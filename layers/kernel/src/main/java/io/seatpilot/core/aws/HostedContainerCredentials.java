package io.seatpilot.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * Container credentials (what Lambda gives a SnapStart function: {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}) read from a function's own {@link io.seatpilot.core.config.Env}
 * rather than the process's. Only needed where several functions share one JVM — the local stack, where each
 * function has its own execution role and so its own credentials; the SDK's ContainerCredentialsProvider reads
 * the process-wide settings only. Refreshes like the SDK's providers do (SDK's CachedSupplier): before expiry.
 * Read with {@link HttpURLConnection}, as the SDK's provider reads it and as the functions' URL-connection HTTP
 * client has loaded already: the JDK's {@code HttpClient} set up TLS when built (≈ 170 classes, the trust store
 * read) for a plain-HTTP endpoint, at every cold start and again on the first request after a restore.
 */
final class HostedContainerCredentials implements AwsCredentialsProvider {

    private static final int CONNECT_TIMEOUT_MS = (int) Duration.ofSeconds(2).toMillis();
    private static final int READ_TIMEOUT_MS = (int) Duration.ofSeconds(5).toMillis();

    private final URI uri;
    private final String token;
    private final CachedSupplier<AwsCredentials> cached;

    HostedContainerCredentials(URI uri, String token) {
        this.uri = uri;
        this.token = token;
        this.cached = CachedSupplier.builder(this::fetch).cachedValueName("HostedContainerCredentials").build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return cached.get();
    }

    private RefreshResult<AwsCredentials> fetch() {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestProperty("Authorization", token);
            int status = connection.getResponseCode();
            if (status != 200) {
                try (InputStream error = connection.getErrorStream()) {
                    if (error != null) {
                        error.readAllBytes();
                    }
                }
                throw SdkClientException.create("Container credentials endpoint answered " + status);
            }
            JsonNode body;
            try (InputStream in = connection.getInputStream()) {
                body = Json.MAPPER.readTree(in);
            }
            Instant expires = Instant.parse(body.path("Expiration").asText());
            AwsCredentials credentials = AwsSessionCredentials.builder().accessKeyId(body.path("AccessKeyId").asText())
                    .secretAccessKey(body.path("SecretAccessKey").asText()).sessionToken(body.path("Token").asText())
                    .expirationTime(expires).build();
            return RefreshResult.builder(credentials).staleTime(expires.minus(Duration.ofMinutes(1)))
                    .prefetchTime(expires.minus(Duration.ofMinutes(5))).build();
        } catch (IOException e) {
            throw SdkClientException.create("Container credentials could not be fetched", e);
        }
    }
}
