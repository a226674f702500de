package io.seatpilot.local.messaging;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** The real SDK clients, as a function builds them (url-connection client, static dummy credentials, us-east-1). */
final class MessagingClients {

    private MessagingClients() {
    }

    static SesV2Client ses(URI endpoint) {
        return configure(SesV2Client.builder(), endpoint).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SnsClient sns(URI endpoint) {
        return configure(SnsClient.builder(), endpoint).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        return builder;
    }
}
