package io.seatpilot.local.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real AWS SDK v2 clients pointed at the local stand-ins, for the stack's own work (provisioning, polling)
 * and for tests. Several HTTP implementations are on the classpath (DynamoDB Local drags Netty and Apache),
 * so the client is chosen explicitly, as the functions do.
 */
public final class LocalAwsClients implements AutoCloseable {

    /** Dummy credentials: the stand-ins accept any, and the SDK refuses to sign without some. */
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";

    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient dynamoDbStreams;
    private final SqsClient sqs;
    private final KmsClient kms;
    private final SesV2Client ses;
    private final SnsClient sns;

    /** @param messagingEndpoint the SES v2 and SNS stand-in (one endpoint serves both) */
    public LocalAwsClients(URI dynamoEndpoint, URI sqsEndpoint, URI kmsEndpoint, URI messagingEndpoint) {
        this.dynamoDb = configure(DynamoDbClient.builder(), dynamoEndpoint).httpClient(http).build();
        this.dynamoDbStreams = configure(DynamoDbStreamsClient.builder(), dynamoEndpoint).httpClient(http).build();
        this.sqs = configure(SqsClient.builder(), sqsEndpoint).httpClient(http).build();
        this.kms = configure(KmsClient.builder(), kmsEndpoint).httpClient(http).build();
        this.ses = configure(SesV2Client.builder(), messagingEndpoint).httpClient(http).build();
        this.sns = configure(SnsClient.builder(), messagingEndpoint).httpClient(http).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.of(LocalAccount.REGION)).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)));
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return dynamoDbStreams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public KmsClient kms() {
        return kms;
    }

    public SesV2Client ses() {
        return ses;
    }

    public SnsClient sns() {
        return sns;
    }

    @Override
    public void close() {
        dynamoDb.close();
        dynamoDbStreams.close();
        sqs.close();
        kms.close();
        ses.close();
        sns.close();
        http.close();
    }
}
