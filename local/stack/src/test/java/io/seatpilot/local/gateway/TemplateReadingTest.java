package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.aws.LocalResources;
import io.seatpilot.local.aws.ProvisionedResource;
import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.template.Intrinsics;
import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateLoader;
import io.seatpilot.local.template.TemplateResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's template.yaml as the local stack reads it: tags, Globals, parameters and intrinsics. */
class TemplateReadingTest {

    private static Template template;

    @BeforeAll
    static void load() {
        template = TemplateLoader.load(Path.of(System.getProperty("seatpilot.repo.root", "../.."), "template.yaml"));
    }

    /** Local identities for the resources the stack would create, as provisioning registers them. */
    private static IntrinsicResolver resolver(Map<String, String> parameters) {
        var resources = new LocalResources(template);
        resources.register(new ProvisionedResource("DataTable", ResourceTypes.DYNAMODB_TABLE, "DataTable",
                Map.of("Arn", "arn:aws:dynamodb:us-east-1:000000000000:table/DataTable", "StreamArn", "arn:local-stream")));
        for (String queue : List.of("IngestQueue", "IngestDeadLetterQueue")) {
            resources.register(new ProvisionedResource(queue, ResourceTypes.SQS_QUEUE, "http://127.0.0.1:1/000000000000/" + queue,
                    Map.of("Arn", "arn:aws:sqs:us-east-1:000000000000:" + queue, "QueueName", queue)));
        }
        resources.register(new ProvisionedResource("DeviceKeyRoot", ResourceTypes.KMS_KEY, "key-1",
                Map.of("Arn", "arn:aws:kms:us-east-1:000000000000:key/key-1")));
        return new IntrinsicResolver(template, parameters, resources);
    }

    private static TemplateResource resource(String logicalId) {
        return template.resource(logicalId).orElseThrow();
    }

    @Test
    void shortFormTagsBecomeTheLongForm() {
        Map<String, Object> variables = Intrinsics.asMap(Intrinsics.asMap(resource("IngestFunction").properties().get("Environment")).get("Variables"));
        assertEquals(Map.of("Ref", "IngestQueue"), variables.get("INGEST_QUEUE_URL"));
        Map<String, Object> redrive = Intrinsics.asMap(resource("IngestQueue").properties().get("RedrivePolicy"));
        assertEquals(Map.of("Fn::GetAtt", List.of("IngestDeadLetterQueue", "Arn")), redrive.get("deadLetterTargetArn"));
    }

    @Test
    void globalsAreMergedIntoEveryFunction() {
        Map<String, Object> properties = resource("IngestWorkerFunction").properties();
        assertEquals(15, properties.get("Timeout"));
        assertEquals("java21", properties.get("Runtime"));
        Map<String, Object> variables = Intrinsics.asMap(Intrinsics.asMap(properties.get("Environment")).get("Variables"));
        assertEquals("ingest-worker", variables.get("POWERTOOLS_SERVICE_NAME"), "the function's own variable");
        assertEquals(Map.of("Ref", "DataTable"), variables.get("TABLE_NAME"), "a Globals variable");
    }

    @Test
    void globalsMergeMapsAppendListsAndLetTheResourceWinOnScalars(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, """
                Globals:
                  Function:
                    Timeout: 10
                    Layers: [!Ref SharedLayer]
                    Environment: {Variables: {A: global, B: global}}
                    Tags: !Ref SomeTags
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 3
                      Layers: [OwnLayer]
                      Environment: {Variables: {B: own, C: own}}
                      Tags: {team: ops}
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: {DelaySeconds: 1}
                """);
        Template custom = TemplateLoader.load(file);
        Map<String, Object> fn = custom.resource("Fn").orElseThrow().properties();
        assertEquals(3, fn.get("Timeout"));
        assertEquals(List.of(Map.of("Ref", "SharedLayer"), "OwnLayer"), fn.get("Layers"));
        assertEquals(Map.of("A", "global", "B", "own", "C", "own"), Intrinsics.asMap(Intrinsics.asMap(fn.get("Environment")).get("Variables")));
        assertEquals(Map.of("team", "ops"), fn.get("Tags"), "an intrinsic is opaque: replaced, not merged");
        assertEquals(Map.of("DelaySeconds", 1), custom.resource("Queue").orElseThrow().properties(), "Globals only touch SAM types");
    }

    @Test
    void resolvesFunctionEnvironmentsToLocalValues() {
        IntrinsicResolver resolver = resolver(Map.of());
        var variables = Intrinsics.asMap(Intrinsics.asMap(resolver.resolve(resource("AdminFunction").properties().get("Environment"))).get("Variables"));
        assertEquals("dev", variables.get("STAGE"), "Stage defaults to dev");
        assertEquals("DataTable", variables.get("TABLE_NAME"));
        assertEquals("http://127.0.0.1:1/000000000000/IngestQueue", variables.get("INGEST_QUEUE_URL"), "Ref of a queue is its URL");
        assertEquals("key-1", variables.get("DEVICE_KEY_ROOT_ID"), "Ref of a key is its key id");
        assertEquals("INFO", variables.get("POWERTOOLS_LOG_LEVEL"));
        assertEquals("seatpilot-admin-dev", resolver.resolveString(resource("AdminFunction").properties().get("FunctionName")));
    }

    @Test
    void aStageOverrideFlowsIntoNamesAndAliases() {
        IntrinsicResolver resolver = resolver(Map.of("Stage", "local"));
        assertEquals("seatpilot-ingest-local", resolver.resolveString(resource("IngestFunction").properties().get("FunctionName")));
        assertEquals("alias/seatpilot-device-root-local", resolver.resolveString(resource("DeviceKeyRootAlias").properties().get("AliasName")));
        assertThrows(TemplateException.class, () -> resolver(Map.of("Stag", "local")), "unknown parameters are refused");
    }

    @Test
    void resolvesArnsQueueNamesSubAndConditions() {
        IntrinsicResolver resolver = resolver(Map.of());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:IngestDeadLetterQueue",
                Intrinsics.asMap(resolver.resolve(resource("IngestQueue").properties().get("RedrivePolicy"))).get("deadLetterTargetArn"));
        var alarm = Intrinsics.asMap(resolver.resolve(resource("IngestDeadLetterAlarm").properties()));
        assertEquals("IngestDeadLetterQueue", Intrinsics.asMap(Intrinsics.asList(alarm.get("Dimensions")).getFirst()).get("Value"));
        assertFalse(alarm.containsKey("AlarmActions"), "HasAlarmTopic is false, so !If gives AWS::NoValue");
        var auth = Intrinsics.asMap(resolver.resolve(resource("HttpApi").properties().get("Auth")));
        var jwt = Intrinsics.asMap(Intrinsics.asMap(Intrinsics.asMap(auth.get("Authorizers")).get("CognitoJwt")).get("JwtConfiguration"));
        assertEquals("https://cognito-idp.us-east-1.amazonaws.com/UserPool", jwt.get("issuer"), "${AWS::Region} and ${UserPool}");
        assertEquals(List.of("UserPoolClient"), jwt.get("audience"));
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/DataTable",
                resolver.resolveString(Map.of("Fn::GetAtt", List.of("DataTable", "Arn"))));
        assertEquals("arn:local-stream", resolver.resolveString(Map.of("Fn::GetAtt", List.of("DataTable", "StreamArn"))));
        assertTrue(resolver.resolveString(resource("DeviceKeyRoot").properties().get("Description")).startsWith("Root of every"));
    }

    @Test
    void intrinsicsTheStackCannotEvaluateOnlyFailWhenTheirValueIsNeeded(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, """
                Parameters:
                  Env: {Type: String, Default: qa}
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !ImportValue shared-topic
                      Tags: [{Key: !Select [1, !Split ["-", "a-b-c"]], Value: !Base64 "x"}]
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: !Join ["-", [svc, !Ref Env, !Select [0, !GetAZs ""]]]
                """);
        Template custom = TemplateLoader.load(file);
        var resolver = new IntrinsicResolver(custom, Map.of(), new LocalResources(custom));
        Map<String, Object> topic = custom.resource("Topic").orElseThrow().properties();
        assertEquals(Map.of("Key", "b", "Value", "eA=="), Intrinsics.asList(resolver.resolve(topic.get("Tags"))).getFirst());
        assertEquals("svc-qa-us-east-1a", resolver.resolveString(custom.resource("Fn").orElseThrow().properties().get("FunctionName")));
        var failure = assertThrows(TemplateException.class, () -> resolver.resolve(topic.get("TopicName")));
        assertTrue(failure.getMessage().contains("Fn::ImportValue"), failure.getMessage());
    }
}
