package io.seatpilot.local.kms;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The real SDK client, configured as the local stack configures it. */
final class KmsClients {

    private KmsClients() {
    }

    static KmsClient forEndpoint(URI endpoint, Region region) {
        return KmsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                // A retried error would hide which request failed and slow every negative test down.
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static KmsClient forEndpoint(URI endpoint) {
        return forEndpoint(endpoint, Region.US_EAST_1);
    }
}
