package io.seatpilot.local.websocket;

import io.seatpilot.local.aws.LocalAwsClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** The SDK's @connections client, pointed at the local stack's management endpoint. */
public final class ManagementClients {

    private ManagementClients() {
    }

    public static ApiGatewayManagementApiClient at(URI endpoint) {
        return ApiGatewayManagementApiClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalAwsClients.ACCESS_KEY_ID, LocalAwsClients.SECRET_ACCESS_KEY)))
                .build();
    }
}
