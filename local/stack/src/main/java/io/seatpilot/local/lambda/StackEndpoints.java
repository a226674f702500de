package io.seatpilot.local.lambda;

import java.net.URI;

/**
 * Where the functions reach the local stand-ins, passed to them as the SDK's AWS_ENDPOINT_URL_* variables;
 * {@code cognitoIdp} is where the local token issuer publishes the user pool's JWKS, as Cognito does.
 */
public record StackEndpoints(URI dynamoDb, URI sqs, URI kms, URI apiGatewayManagement, URI cognitoIdp, URI sesV2, URI sns) {
}
