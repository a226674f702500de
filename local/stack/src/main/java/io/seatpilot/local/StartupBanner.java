package io.seatpilot.local;

import io.seatpilot.local.aws.ProvisionedResource;
import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.iam.IamMode;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the stack prints once it is up: every endpoint, the routes, the event sources and the demo key. */
final class StartupBanner {

    private StartupBanner() {
    }

    static List<String> lines(LocalStack stack, Duration startup, Optional<DemoDeviceKey> demoKey, String demoProblem) {
        List<String> lines = new ArrayList<>();
        lines.add("SeatPilot local stack is up in %.1f s — template %s".formatted(startup.toMillis() / 1000.0, stack.templatePath()));
        lines.add("  HTTP API    " + stack.httpEndpoint() + "   (stage $default: paths without a stage prefix)");
        lines.add(stack.webSocketApi().map(api -> "  WebSocket   " + stack.wsEndpoint() + "   (API " + api.logicalId()
                        + ", stage " + api.stage() + ", routes " + String.join(" ", new java.util.TreeSet<>(api.routes().keySet())) + ")")
                .orElse("  WebSocket   " + stack.wsEndpoint() + "   (port reserved; the template has no WebSocket API)"));
        lines.add("  @connections " + stack.connectionsEndpoint() + "   (the WebSocket API's management API)");
        stack.dashboardEndpoint().ifPresent(url -> lines.add("  Dashboard   " + url));
        stack.doorEndpoint().ifPresent(url -> lines.add("  Door app    " + url));
        lines.add("  API docs    " + stack.docsEndpoint() + " (openapi.yaml, asyncapi.yaml)");
        lines.add("  DynamoDB    " + stack.dynamoEndpoint() + "   (Streams on the same endpoint)   tables: "
                + names(stack, ResourceTypes.DYNAMODB_TABLE));
        lines.add("  SQS         " + stack.sqsEndpoint() + "   queues: " + names(stack, ResourceTypes.SQS_QUEUE));
        lines.add("  KMS         " + stack.kmsEndpoint() + "   keys: " + names(stack, ResourceTypes.KMS_KEY)
                + "   aliases: " + names(stack, ResourceTypes.KMS_ALIAS));
        lines.add("  SES v2, SNS " + stack.messagingEndpoint() + "   topics: " + names(stack, ResourceTypes.SNS_TOPIC)
                + "   identities: " + names(stack, ResourceTypes.SES_EMAIL_IDENTITY));
        lines.add("  Outbox      " + stack.httpEndpoint() + "/local/outbox/   (JSON: GET /local/outbox?channel=&to=&since=)");
        lines.add("  Tokens      POST " + stack.httpEndpoint() + "/local/tokens   JWKS " + stack.httpEndpoint()
                + "/local/.well-known/jwks.json");
        lines.add("              iss " + stack.tokens().issuer() + "   aud " + stack.tokens().audience());
        lines.add("  Sign-in     " + stack.httpEndpoint() + "/local/oauth2/   (the hosted sign-in's stand-in: open /door/ or /ops/"
                + " with ?signin=hosted)");
        lines.add("  IAM         " + (stack.iamMode() == IamMode.ENFORCE
                ? "each function acts as its execution role from the template; calls its policies do not allow are refused"
                : "report only: calls the functions' policies do not allow are logged as 'IAM would deny', not refused"));
        lines.add("");
        lines.add("Routes");
        for (Route route : stack.routes()) {
            FunctionDefinition function = stack.function(route.functionLogicalId());
            String auth = switch (route.auth()) {
                case Route.RouteAuth.Open open -> "open";
                case Route.RouteAuth.Jwt jwt -> "JWT " + jwt.authorizerName()
                        + (jwt.scopes().isEmpty() ? "" : " scopes " + jwt.scopes());
            };
            lines.add("  %-7s %-42s %-22s %-32s %s".formatted(route.method(), route.path().map(p -> p.text()).orElse("$default"),
                    function.logicalId(), function.functionName(), auth));
        }
        lines.add("");
        lines.add("Event sources");
        for (FunctionDefinition function : stack.functions()) {
            for (FunctionEvent event : function.events()) {
                String source = switch (event) {
                    case FunctionEvent.HttpApi http -> null;
                    case FunctionEvent.Sqs sqs -> "SQS %s (batch %d, window %d s%s)%s".formatted(sqs.queueArn(),
                            sqs.batchSize(), sqs.batchingWindowSeconds(), sqs.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "",
                            sqs.enabled() ? "" : " disabled");
                    case FunctionEvent.DynamoDb stream -> "DynamoDB stream %s (%s, batch %d)%s".formatted(stream.streamArn(),
                            stream.startingPosition(), stream.batchSize(), stream.enabled() ? "" : " disabled");
                    case FunctionEvent.Schedule schedule -> "Schedule %s%s".formatted(schedule.expression(),
                            schedule.enabled() ? "" : " disabled");
                    case FunctionEvent.Unsupported unsupported -> "%s %s — not emulated".formatted(unsupported.type(), unsupported.name());
                };
                if (source != null) {
                    lines.add("  %-22s <- %s".formatted(function.logicalId(), source));
                }
            }
            stack.unavailable(function.logicalId()).ifPresent(why -> lines.add("  %-22s !! cannot run: %s".formatted(function.logicalId(), why)));
        }
        lines.add("");
        demoKey.ifPresentOrElse(key -> lines.addAll(demoKeyLines(key, stack.httpEndpoint())),
                () -> lines.add("WARNING no demo device key: " + demoProblem + " (the stack keeps running)"));
        lines.add("");
        lines.add("Ctrl-C stops everything.");
        return lines;
    }

    private static String names(LocalStack stack, String type) {
        List<ProvisionedResource> resources = stack.resources().provisionedOfType(type);
        return resources.isEmpty() ? "none"
                : resources.stream().map(r -> r.logicalId().equals(r.physicalId()) ? r.logicalId() : r.logicalId() + "=" + r.physicalId())
                .collect(Collectors.joining(", "));
    }

    /** The key, and one shell line that signs and posts an envelope with it (SPEC §4), needing only openssl and curl. */
    private static List<String> demoKeyLines(DemoDeviceKey key, URI api) {
        String body = ("{\"schema_version\":\"1.1.0\",\"event_id\":\"%s\",\"tenant_id\":\"%s\",\"event_name\":"
                + "\"checkin.qr_scan_start\",\"session_id\":\"demo-session-1\",\"ts_ms\":%d,\"event_meta\":{\"app_channel\":"
                + "\"kiosk\",\"platform\":\"kiosk\",\"app_version\":\"1.0.0\",\"sdk_version\":\"1.0.0\",\"device_id\":\"%s\"},"
                + "\"payload\":{}}").formatted(UUID.randomUUID(), key.tenantId(), Instant.now().toEpochMilli(), key.deviceId());
        String command = ("KEY_ID='%s'; SECRET='%s'; BODY='%s'; TS=$(($(date +%%s)*1000)); NONCE=$(openssl rand -hex 16); "
                + "SIG=$(printf '%%s' \"POST|/v1/events|$TS|$NONCE|$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" | awk '{print $NF}'); "
                + "curl -sS -i -X POST '%s/v1/events' -H 'content-type: application/json' -H \"x-key: $KEY_ID\" "
                + "-H \"x-ts: $TS\" -H \"x-nonce: $NONCE\" -H \"x-sig: $SIG\" --data-binary \"$BODY\"")
                .formatted(key.keyId(), key.secret(), body, api);
        return List.of(
                "Demo device key (tenant %s, device %s, role kiosk)".formatted(key.tenantId(), key.deviceId()),
                "  key id  " + key.keyId(),
                "  secret  " + key.secret(),
                "  Sign and post one envelope (a repeat is accepted as a duplicate):",
                command);
    }
}
