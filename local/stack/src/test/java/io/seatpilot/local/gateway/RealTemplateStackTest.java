package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.LocalStack;
import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.template.Intrinsics;
import io.seatpilot.local.template.TemplateLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The stack on the repository's own template.yaml: what it creates and serves comes from the template alone. */
class RealTemplateStackTest {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyHttpApiEventOfTheTemplateIsARoute() {
        var template = TemplateLoader.load(Path.of(System.getProperty("seatpilot.repo.root", "../.."), "template.yaml"));
        long events = template.resourcesOfType(ResourceTypes.SERVERLESS_FUNCTION).stream()
                .flatMap(f -> Intrinsics.asMap(f.properties().getOrDefault("Events", Map.of())).values().stream())
                .filter(e -> "HttpApi".equals(Intrinsics.asMap(e).get("Type"))).count();
        assertEquals(events, stack.routes().size());
        assertEquals(events, stack.functions().stream().mapToLong(f -> f.events(FunctionEvent.HttpApi.class).size()).sum());
    }

    @Test
    void createsTheDataTableQueuesAndDeviceKeyRoot() {
        var table = stack.awsClients().dynamoDb().describeTable(b -> b.tableName(stack.tableName("DataTable"))).table();
        assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());
        var ingest = stack.awsClients().sqs().getQueueAttributes(b -> b.queueUrl(stack.queueUrl("IngestQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("90", ingest.get(QueueAttributeName.VISIBILITY_TIMEOUT), "no override: the template's value");
        assertTrue(ingest.get(QueueAttributeName.REDRIVE_POLICY).contains(stack.attribute("IngestDeadLetterQueue", "Arn")));
        var key = stack.awsClients().kms().describeKey(b -> b.keyId(stack.physicalId("DeviceKeyRootAlias"))).keyMetadata();
        assertEquals(KeySpec.HMAC_256, key.keySpec());
        assertEquals(stack.physicalId("DeviceKeyRoot"), key.keyId());
    }

    @Test
    void protectedRoutesRefuseCallsWithoutAToken() {
        assertEquals(401, Http.send(stack.httpEndpoint(), "POST", "/v1/devices", "{}".getBytes(), Map.of("content-type", "application/json")).status());
    }

    @Test
    void issuesTheDemoDeviceKeyThroughItsOwnAdminApi() {
        assertNotNull(stack.demoDeviceKey(), "POST /v1/devices as admin of tenant demo must answer a key");
        assertEquals("demo", stack.demoDeviceKey().tenantId());
        assertTrue(stack.functionInvocationCount("AdminFunction") >= 1);
    }
}
