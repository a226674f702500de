package io.seatpilot.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each service's calls ask IAM, read from the requests the SDK sends. */
class ServiceCallsTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/data";
    private final DynamoDbService dynamo = new DynamoDbService((table, index) -> Optional.of("pk"));

    private static ProxiedCall call(String target, String body) {
        return new ProxiedCall("POST", "/", Map.of("x-amz-target", target,
                "authorization", "AWS4-HMAC-SHA256 Credential=ASIAXYZ/20261204/us-east-1/dynamodb/aws4_request, Signature=0"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSigningKeyIsReadFromTheAuthorizationHeader() {
        assertEquals(Optional.of("ASIAXYZ"), call("DynamoDB_20120810.GetItem", "{}").accessKeyId());
    }

    @Test
    void itemCallsNameTheirTableAndPartitionKey() {
        var get = dynamo.authorizations(call("DynamoDB_20120810.GetItem",
                "{\"TableName\":\"data\",\"Key\":{\"pk\":{\"S\":\"T#a#E\"},\"sk\":{\"S\":\"x\"}}}"));
        assertEquals(List.of(new AuthorizationRequest("dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("T#a#E")))), get);
        var put = dynamo.authorizations(call("DynamoDB_20120810.PutItem", "{\"TableName\":\"data\",\"Item\":{\"pk\":{\"S\":\"T#a#P\"}}}"));
        assertEquals(List.of("T#a#P"), put.getFirst().context().get("dynamodb:LeadingKeys"));
    }

    @Test
    void aQueryNamesThePartitionKeyOfItsKeyCondition() {
        var query = dynamo.authorizations(call("DynamoDB_20120810.Query", "{\"TableName\":\"data\","
                + "\"KeyConditionExpression\":\"#p = :p AND begins_with(sk, :s)\",\"ExpressionAttributeNames\":{\"#p\":\"pk\"},"
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"T#a#AUDIT#e\"},\":s\":{\"S\":\"x\"}}}"));
        assertEquals(List.of("T#a#AUDIT#e"), query.getFirst().context().get("dynamodb:LeadingKeys"));
    }

    @Test
    void batchesAskPerTableAndTransactionsPerAction() {
        var batch = dynamo.authorizations(call("DynamoDB_20120810.BatchWriteItem", "{\"RequestItems\":{\"data\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"A\"}}}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"B\"}}}}]}}"));
        assertEquals(List.of(new AuthorizationRequest("dynamodb:BatchWriteItem", TABLE,
                Map.of("dynamodb:LeadingKeys", List.of("A", "B")))), batch);
        var transaction = dynamo.authorizations(call("DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\":["
                + "{\"Put\":{\"TableName\":\"data\",\"Item\":{\"pk\":{\"S\":\"A\"}}}},"
                + "{\"ConditionCheck\":{\"TableName\":\"data\",\"Key\":{\"pk\":{\"S\":\"C\"}}}}]}"));
        assertEquals(List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem"),
                transaction.stream().map(AuthorizationRequest::action).toList());
    }

    @Test
    void sqsBatchesAreTheirSingleActionsAndOversizedMessagesAreRefused() {
        var sqs = new SqsService();
        var send = call("AmazonSQS.SendMessageBatch", "{\"QueueUrl\":\"http://127.0.0.1:9/000000000000/ingest\",\"Entries\":[]}");
        assertEquals(List.of(AuthorizationRequest.of("sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:ingest")),
                sqs.authorizations(send));
        String big = "x".repeat(SqsService.MESSAGE_LIMIT_BYTES + 1);
        var tooLong = sqs.overLimit(call("AmazonSQS.SendMessage", "{\"QueueUrl\":\"q\",\"MessageBody\":\"" + big + "\"}"));
        assertEquals(400, tooLong.orElseThrow().status());
        assertTrue(sqs.overLimit(call("AmazonSQS.SendMessage", "{\"QueueUrl\":\"q\",\"MessageBody\":\"small\"}")).isEmpty());
        String half = "y".repeat(SqsService.MESSAGE_LIMIT_BYTES / 2 + 1);
        var batchTooLong = sqs.overLimit(call("AmazonSQS.SendMessageBatch", "{\"QueueUrl\":\"q\",\"Entries\":["
                + "{\"Id\":\"1\",\"MessageBody\":\"" + half + "\"},{\"Id\":\"2\",\"MessageBody\":\"" + half + "\"}]}"));
        assertTrue(new String(batchTooLong.orElseThrow().body(), StandardCharsets.UTF_8).contains("BatchRequestTooLong"));
    }

    @Test
    void connectionCallsNameMethodStageAndConnection() {
        var connections = new ConnectionsService(() -> Optional.of(new ApiStage("LiveApi", "dev")));
        var post = connections.authorizations(new ProxiedCall("POST", "/@connections/abc%3D", Map.of(), new byte[0]));
        assertEquals(List.of(AuthorizationRequest.of("execute-api:ManageConnections",
                "arn:aws:execute-api:us-east-1:000000000000:LiveApi/dev/POST/@connections/abc%3D")), post);
    }

    private static ProxiedCall rest(String path, String body) {
        return new ProxiedCall("POST", path, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sesSendEmailIsAuthorisedOnTheIdentityThatVerifiesTheSender() {
        var ses = new SesService(address -> "arn:aws:ses:us-east-1:000000000000:identity/"
                + address.substring(address.indexOf('@') + 1));
        assertEquals(List.of(AuthorizationRequest.of("ses:SendEmail", "arn:aws:ses:us-east-1:000000000000:identity/seatpilot.example")),
                ses.authorizations(rest("/v2/email/outbound-emails", "{\"FromEmailAddress\":\"Invites <invite@seatpilot.example>\"}")));
        String mime = java.util.Base64.getEncoder().encodeToString("Subject: x\r\nFrom: a@raw.example\r\n\r\nFrom: b@body.example"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("arn:aws:ses:us-east-1:000000000000:identity/raw.example", ses.authorizations(rest("/v2/email/outbound-emails",
                "{\"Content\":{\"Raw\":{\"Data\":\"" + mime + "\"}}}")).getFirst().resource(), "the header, not the body, names the sender");
    }

    @Test
    void snsActionsNameTheirTopicAndSmsToANumberHasNone() {
        var sns = new SnsService();
        String topic = "arn:aws:sns:us-east-1:000000000000:oncall";
        assertEquals(List.of(AuthorizationRequest.of("sns:Publish", topic)), sns.authorizations(rest("/",
                "Action=Publish&TopicArn=" + java.net.URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&Message=hi")));
        assertEquals(List.of(AuthorizationRequest.of("sns:Publish", "*")), sns.authorizations(rest("/",
                "Action=Publish&PhoneNumber=%2B34600111222&Message=hi")));
        assertEquals(List.of(AuthorizationRequest.of("sns:Unsubscribe", topic)), sns.authorizations(rest("/",
                "Action=Unsubscribe&SubscriptionArn=" + java.net.URLEncoder.encode(topic + ":1f0e", StandardCharsets.UTF_8))));
    }
}
