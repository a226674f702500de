package io.seatpilot.local.it;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Each function calls AWS as its execution role from template.yaml, and the stack refuses what the role does not
 * allow with the error AWS itself answers — so a permission missing from the template fails locally, not at the
 * first deploy.
 */
class IamEnforcementTest {

    private final LocalStack stack = SharedStack.get();

    /** The KPI read function may only get and query the data table (template.yaml). */
    private AwsClients asKpiRead() {
        return new AwsClients(new Env(stack.function("KpiReadFunction").environment()));
    }

    @Test
    void aFunctionDoesWhatItsRoleAllows() {
        String table = stack.tableName("DataTable");
        var answer = asKpiRead().dynamoDb().query(q -> q.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("T#nobody#X"))));
        assertEquals(0, answer.count());
    }

    @Test
    void whatTheRoleDoesNotAllowIsRefusedAsEachServiceRefusesIt() {
        AwsClients kpiRead = asKpiRead();
        String table = stack.tableName("DataTable");
        var write = assertThrows(DynamoDbException.class, () -> kpiRead.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table,
                List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", AttributeValue.fromS("T#x#Y"),
                        "sk", AttributeValue.fromS("z"))).build()).build())))));
        assertEquals(400, write.statusCode());
        assertEquals("AccessDeniedException", write.awsErrorDetails().errorCode());
        assertTrue(write.awsErrorDetails().errorMessage().contains("assumed-role/KpiReadFunctionRole/")
                && write.awsErrorDetails().errorMessage().contains("dynamodb:BatchWriteItem"), write.getMessage());

        var send = assertThrows(SqsException.class, () -> kpiRead.client("SQS", SqsClient.class, SqsClient::builder).sendMessage(m -> m
                .queueUrl(stack.queueUrl("IngestQueue")).messageBody("{}")));
        assertEquals(403, send.statusCode());

        var mac = assertThrows(KmsException.class, () -> kpiRead.client("KMS", KmsClient.class, KmsClient::builder).generateMac(m -> m.keyId(stack.physicalId("DeviceKeyRoot"))
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromUtf8String("x"))));
        assertEquals("AccessDeniedException", mac.awsErrorDetails().errorCode());

        var push = assertThrows(ApiGatewayManagementApiException.class, () -> connections("KpiReadFunction")
                .postToConnection(p -> p.connectionId("abc").data(SdkBytes.fromUtf8String("{}"))));
        assertEquals(403, push.statusCode());
        assertEquals("ForbiddenException", push.awsErrorDetails().errorCode());
    }

    @Test
    void theSafetyAuditStaysAppendOnlyForTheIngestWorker() {
        AwsClients worker = new AwsClients(new Env(stack.function("IngestWorkerFunction").environment()));
        var update = assertThrows(DynamoDbException.class, () -> worker.dynamoDb().updateItem(u -> u.tableName(stack.tableName("DataTable"))
                .key(Map.of("pk", AttributeValue.fromS("T#acme#AUDIT#e1"), "sk", AttributeValue.fromS("x")))
                .updateExpression("SET a = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromS("b")))));
        assertTrue(update.awsErrorDetails().errorMessage().endsWith("with an explicit deny in an identity-based policy"));
    }

    @Test
    void keysNoFunctionWasGivenAreNotRecognised() {
        Map<String, String> environment = new HashMap<>(stack.function("KpiReadFunction").environment());
        environment.put("AWS_ACCESS_KEY_ID", "AKIAFORGED");
        environment.put("AWS_SECRET_ACCESS_KEY", "forged");
        var forged = assertThrows(DynamoDbException.class, () -> new AwsClients(new Env(environment)).dynamoDb()
                .query(q -> q.tableName(stack.tableName("DataTable")).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("T#x")))));
        assertEquals("UnrecognizedClientException", forged.awsErrorDetails().errorCode());
    }

    /** The template with one permission taken away: the suite notices, because the stack refuses the call. */
    @Test
    void aPermissionRemovedFromTheTemplateFailsTheCallThatNeedsIt(@TempDir Path copy) throws IOException {
        Path root = Path.of(System.getProperty("seatpilot.repo.root"));
        String template = Files.readString(root.resolve("template.yaml"));
        int ingest = template.indexOf("\n  IngestFunction:");
        String grant = "Action: [sqs:SendMessage]\n              Resource: !GetAtt IngestQueue.Arn";
        int at = template.indexOf(grant, ingest);
        assertTrue(ingest > 0 && at > ingest, "the ingest function's queue grant is where the test expects it");
        Path withoutGrant = copy.resolve("template.yaml");
        Files.writeString(withoutGrant, template.substring(0, at) + "Action: [sqs:GetQueueUrl]\n              Resource: !GetAtt IngestQueue.Arn"
                + template.substring(at + grant.length()));

        try (LocalStack strict = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).demoDeviceKey(false)
                .automaticSchedules(false).template(withoutGrant).repositoryRoot(root).build().start()) {
            Tenant tenant = Tenant.on(strict, "iam-missing");
            var answer = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events",
                    Envelopes.scanStart(tenant.id()).toString());
            assertTrue(answer.status() >= 500, "without sqs:SendMessage ingest cannot buffer: " + answer.status() + " " + answer.body());
        }
        Tenant tenant = Tenant.on(stack, "iam-granted");
        var answer = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString());
        assertEquals(202, answer.status(), answer.body());
    }

    private ApiGatewayManagementApiClient connections(String function) {
        Map<String, String> environment = stack.function(function).environment();
        AwsClients clients = new AwsClients(new Env(environment));
        return clients.configure(ApiGatewayManagementApiClient.builder(), "APIGATEWAYMANAGEMENTAPI")
                .httpClient(clients.httpClient()).build();
    }
}
