package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.lambda.LambdaInvoker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local HTTP API against the test template, over real HTTP, with the handlers deserialising as Lambda does. */
class HttpApiGatewayTest {

    private static LocalStack stack;
    private static URI api;

    @BeforeAll
    static void stack() {
        stack = TestStack.get();
        api = stack.httpEndpoint();
    }

    @Test
    void buildsThePayloadV2EventWithPathQueryHeadersAndCookies() {
        var answer = Http.get(api, "/echo/a%20b?x=1&x=2&y=%C3%A9&flag", Map.of("X-Custom", "Value", "cookie", "c1=v1; c2=v2"));
        assertEquals(200, answer.status(), answer.text());
        JsonNode echo = answer.json();
        assertEquals("2.0", echo.get("version").asText());
        assertEquals("GET /echo/{id}", echo.get("routeKey").asText());
        assertEquals("GET /echo/{id}", echo.get("requestContextRouteKey").asText());
        assertEquals("/echo/a%20b", echo.get("rawPath").asText(), "the raw path, without any stage prefix");
        assertEquals("x=1&x=2&y=%C3%A9&flag", echo.get("rawQueryString").asText());
        assertEquals("a b", echo.get("pathParameters").get("id").asText(), "path parameters are decoded");
        assertEquals("1,2", echo.get("queryStringParameters").get("x").asText(), "repeated parameters are joined with commas");
        assertEquals("é", echo.get("queryStringParameters").get("y").asText());
        assertEquals("", echo.get("queryStringParameters").get("flag").asText());
        assertEquals("Value", echo.get("headers").get("x-custom").asText(), "header names are lower-cased");
        assertFalse(echo.get("headers").has("cookie"), "cookies leave the headers");
        assertEquals(List.of("c1=v1", "c2=v2"), List.of(echo.get("cookies").get(0).asText(), echo.get("cookies").get(1).asText()));
        assertEquals("GET", echo.get("method").asText());
        assertEquals("$default", echo.get("stage").asText());
        assertEquals("127.0.0.1", echo.get("sourceIp").asText());
        assertEquals("000000000000", echo.get("accountId").asText());
        assertTrue(Math.abs(echo.get("timeEpoch").asLong() - System.currentTimeMillis()) < 60_000);
        assertEquals("echo-test", echo.get("functionName").asText(), "FunctionName !Sub echo-${Stage}");
        assertTrue(echo.get("remainingTimeMillis").asInt() > 0 && echo.get("remainingTimeMillis").asInt() <= 5000, "Timeout 5 from Globals");
        assertTrue(echo.get("claims").isEmpty(), "an open route has no authorizer context");
    }

    @Test
    void aLiteralRouteWinsOverAPathVariable() {
        assertEquals("GET /echo/mine", Http.get(api, "/echo/mine", Map.of()).json().get("routeKey").asText());
        assertEquals("GET /echo/{id}", Http.get(api, "/echo/yours", Map.of()).json().get("routeKey").asText());
    }

    @Test
    void aGreedyRouteTakesAnyMethodAndTheRestOfThePath() {
        var answer = Http.send(api, "DELETE", "/files/a/b/c.txt", null, Map.of());
        assertEquals("ANY /files/{proxy+}", answer.json().get("routeKey").asText());
        assertEquals("a/b/c.txt", answer.json().get("pathParameters").get("proxy").asText());
    }

    @Test
    void jsonBodiesArriveAsTextAndOtherBodiesAsBase64() {
        var json = Http.send(api, "POST", "/echo", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/json"));
        assertEquals("{\"a\":1}", json.json().get("body").asText());
        assertFalse(json.json().get("isBase64Encoded").asBoolean());

        byte[] binary = {0, (byte) 0xff, 0x10};
        var octets = Http.send(api, "POST", "/echo", binary, Map.of("content-type", "application/octet-stream"));
        assertTrue(octets.json().get("isBase64Encoded").asBoolean());
        assertArrayEquals(binary, Base64.getDecoder().decode(octets.json().get("body").asText()));
    }

    @Test
    void mapsBase64ResponsesCookiesAndRepeatedHeaders() {
        var binary = Http.get(api, "/echo/1?answer=binary", Map.of());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, binary.body());
        assertEquals("application/octet-stream", binary.header("content-type"));

        var cookies = Http.get(api, "/echo/1?answer=cookies", Map.of());
        assertEquals("cookies set", cookies.text());
        assertEquals(List.of("session=1; Path=/", "theme=dark"), cookies.headers().allValues("set-cookie"));
        assertEquals(List.of("a", "b"), cookies.headers().allValues("x-multi"));
    }

    @Test
    void unknownRoutesAnswerApiGatewaysNotFound() {
        var missing = Http.get(api, "/nowhere", Map.of());
        assertEquals(404, missing.status());
        assertEquals("{\"message\":\"Not Found\"}", missing.text());
        assertEquals(404, Http.send(api, "PUT", "/echo", new byte[0], Map.of()).status(), "a known path with another method");
        assertEquals(404, Http.get(api, "/test/echo/1", Map.of()).status(), "no stage prefix locally");
    }

    @Test
    void aFailingHandlerGivesApiGatewaysInternalServerErrorWithoutDetails() {
        long before = stack.functionInvocationCount("FailingFunction");
        var answer = Http.get(api, "/boom", Map.of());
        assertEquals(500, answer.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", answer.text());
        assertEquals(before + 1, stack.functionInvocationCount("FailingFunction"));
    }

    @Test
    void answersPreflightRequestsItselfFromTheCorsConfiguration() {
        long before = stack.functionInvocationCount("EchoFunction");
        var preflight = Http.send(api, "OPTIONS", "/echo", null,
                Map.of("origin", "https://ops.example", "access-control-request-method", "POST"));
        assertEquals(204, preflight.status());
        assertEquals("https://ops.example", preflight.header("access-control-allow-origin"));
        assertEquals("GET,POST,OPTIONS", preflight.header("access-control-allow-methods"));
        assertEquals("authorization,content-type", preflight.header("access-control-allow-headers"));
        assertEquals("600", preflight.header("access-control-max-age"));
        assertEquals(before, stack.functionInvocationCount("EchoFunction"), "no function runs for a preflight");
    }

    @Test
    void corsHeadersOfTheGatewayReplaceTheFunctionsForAllowedOriginsOnly() {
        var allowed = Http.get(api, "/echo/1?answer=cookies", Map.of("origin", "https://ops.example"));
        assertEquals("https://ops.example", allowed.header("access-control-allow-origin"));
        assertEquals("x-request-id", allowed.header("access-control-expose-headers"));

        var other = Http.get(api, "/echo/1?answer=cookies", Map.of("origin", "https://elsewhere.example"));
        assertNull(other.header("access-control-allow-origin"), "the function's own CORS header is dropped too");
    }

    @Test
    void refusesBodiesOverTenMegabytesLikeApiGateway() {
        var answer = Http.send(api, "POST", "/echo", new byte[HttpApiGateway.PAYLOAD_LIMIT_BYTES + 1], Map.of("content-type", "application/json"));
        assertEquals(413, answer.status());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", answer.text());
    }

    @Test
    void aRequestOverLambdasSixMegabytesIsRefusedAndSoIsAnAnswerOverThem() {
        var request = Http.send(api, "POST", "/runaway/instances", new byte[LambdaInvoker.PAYLOAD_LIMIT_BYTES],
                Map.of("content-type", "application/octet-stream"));
        assertEquals(413, request.status(), "base64 makes 6 MB of octets an event over Lambda's limit");
        var answer = Http.get(api, "/runaway/huge", Map.of());
        assertEquals(500, answer.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", answer.text());
    }

    /**
     * Three invocations spinning past their 1 s Timeout (and ignoring interruption) neither starve another function
     * nor leave their execution environment to the next invocation: it starts a fresh handler, as after Lambda resets it.
     */
    @Test
    void aRunawayInvocationTimesOutStarvesNothingAndGetsAFreshEnvironment() throws Exception {
        int before = Integer.parseInt(Http.get(api, "/runaway/instances", Map.of()).text());
        var spinning = java.util.stream.IntStream.range(0, 3).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                () -> Http.get(api, "/runaway/spin", Map.of()))).toList();
        Thread.sleep(300);
        long started = System.nanoTime();
        assertEquals(200, Http.get(api, "/echo/mine", Map.of()).status());
        long echoMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(echoMillis < 2_000, "another function answers while three invocations spin: " + echoMillis + " ms");
        for (var spin : spinning) {
            assertEquals(500, spin.get().status(), "stopped at its Timeout");
        }
        int after = Integer.parseInt(Http.get(api, "/runaway/instances", Map.of()).text());
        assertTrue(after > before, "a fresh handler after the timeout: " + before + " → " + after);
    }

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutGetsApiGatewaysServiceUnavailable() {
        long before = stack.functionInvocationCount("SlowFunction");
        long started = System.nanoTime();
        var answer = Http.get(api, "/slow/sleep", Map.of());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, answer.status());
        assertEquals("{\"message\":\"Service Unavailable\"}", answer.text());
        assertTrue(waitedMillis < 3_500, "answered at the 2 s integration timeout, not after the 4 s the function takes: "
                + waitedMillis + " ms");
        assertEquals(before + 1, stack.functionInvocationCount("SlowFunction"));
    }

    @Test
    void servesTheDashboardUnderOps() {
        var index = Http.get(api, "/ops/", Map.of());
        assertEquals(200, index.status());
        assertEquals(TestStack.DASHBOARD_INDEX, index.text());
        assertTrue(index.header("content-type").startsWith("text/html"));
        assertEquals("console.log('ops');", Http.get(api, "/ops/js/app.js", Map.of()).text());
        assertEquals(404, Http.get(api, "/ops/missing.css", Map.of()).status());
        assertEquals(404, Http.get(api, "/ops/%2e%2e/%2e%2e/etc/passwd", Map.of()).status(), "no way out of the folder");
        assertEquals(301, Http.get(api, "/ops", Map.of()).status());
    }

    @Test
    void functionsGetTheTemplatesEnvironmentResolvedLocallyPlusWhatLambdaProvides() {
        Map<String, String> environment = stack.function("EchoFunction").environment();
        assertEquals("overridden-by-function", environment.get("STAGE"), "the function's variable wins over Globals");
        assertEquals("ItemsTable", environment.get("TABLE_NAME"), "Globals variables are merged in");
        assertEquals("ops,planning", environment.get("OWNERS"));
        assertEquals(stack.queueUrl("JobsQueue"), environment.get("JOBS_QUEUE_URL"));
        assertEquals(stack.attribute("ItemsTable", "StreamArn"), environment.get("STREAM_ARN"));
        assertEquals("jobs-dlq-test", environment.get("DLQ_NAME"));
        assertTrue(environment.get("KEY_ARN").startsWith("arn:aws:kms:us-east-1:000000000000:key/"));
        assertFalse(environment.containsKey("ALARM_TOPIC"), "!If false → AWS::NoValue removes the variable");
        assertEquals("us-east-1", environment.get("AWS_REGION"));
        assertEquals("echo-test", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
        // functions reach each stand-in through its IAM gate, never directly
        for (var service : List.of("DYNAMODB", "SQS", "KMS", "APIGATEWAYMANAGEMENTAPI")) {
            assertTrue(environment.get("AWS_ENDPOINT_URL_" + service).startsWith("http://127.0.0.1:"), service);
        }
        assertEquals(environment.get("AWS_ENDPOINT_URL_DYNAMODB"), environment.get("AWS_ENDPOINT_URL_DYNAMODB_STREAMS"));
        assertNotEquals(stack.dynamoEndpoint().toString(), environment.get("AWS_ENDPOINT_URL_DYNAMODB"));
        assertNotEquals(stack.sqsEndpoint().toString(), environment.get("AWS_ENDPOINT_URL_SQS"));
        assertNotEquals(stack.kmsEndpoint().toString(), environment.get("AWS_ENDPOINT_URL_KMS"));
        assertNotEquals(stack.connectionsEndpoint().toString(), environment.get("AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI"));
        // credentials as SnapStart gives them: a container endpoint and its token, no access key variables
        assertFalse(environment.containsKey("AWS_ACCESS_KEY_ID") || environment.containsKey("AWS_SECRET_ACCESS_KEY"));
        assertTrue(environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").startsWith("http://127.0.0.1:"));
        assertFalse(environment.get("AWS_CONTAINER_AUTHORIZATION_TOKEN").isBlank());
        assertEquals("FailingFunction", stack.function("FailingFunction").functionName(), "no FunctionName: the logical id");
    }
}
