package io.seatpilot.local.aws;

import java.util.List;

/** The CloudFormation resource types the local stack knows by name. */
public final class ResourceTypes {

    public static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";
    public static final String SQS_QUEUE = "AWS::SQS::Queue";
    public static final String KMS_KEY = "AWS::KMS::Key";
    public static final String KMS_ALIAS = "AWS::KMS::Alias";
    public static final String SNS_TOPIC = "AWS::SNS::Topic";
    public static final String SES_EMAIL_IDENTITY = "AWS::SES::EmailIdentity";
    public static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    public static final String SERVERLESS_HTTP_API = "AWS::Serverless::HttpApi";
    /** SAM has no WebSocket API resource: WebSocket APIs are these raw API Gateway V2 resources. */
    public static final String API_V2 = "AWS::ApiGatewayV2::Api";
    public static final String API_V2_ROUTE = "AWS::ApiGatewayV2::Route";
    public static final String API_V2_ROUTE_RESPONSE = "AWS::ApiGatewayV2::RouteResponse";
    public static final String API_V2_INTEGRATION = "AWS::ApiGatewayV2::Integration";
    public static final String API_V2_STAGE = "AWS::ApiGatewayV2::Stage";

    /** Types that get a real resource in a stand-in; everything else gets placeholders. */
    public static final List<String> PROVISIONED = List.of(DYNAMODB_TABLE, SQS_QUEUE, KMS_KEY, KMS_ALIAS, SNS_TOPIC,
            SES_EMAIL_IDENTITY);

    private ResourceTypes() {
    }

    /** The service part of a fake ARN for a resource type, e.g. {@code AWS::Cognito::UserPool} → cognito-idp. */
    static String arnService(String type) {
        return switch (type) {
            case SERVERLESS_FUNCTION, "AWS::Lambda::Function", "AWS::Serverless::LayerVersion" -> "lambda";
            case SERVERLESS_HTTP_API, "AWS::Serverless::Api", API_V2 -> "execute-api";
            case "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient" -> "cognito-idp";
            default -> type.split("::")[1].toLowerCase(java.util.Locale.ROOT);
        };
    }
}
