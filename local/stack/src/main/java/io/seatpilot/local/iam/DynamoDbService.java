package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.aws.LocalAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB (and DynamoDB Streams, served on the same endpoint) as IAM sees its calls: the action is the
 * operation, the resource the table (or index, or stream), and {@code dynamodb:LeadingKeys} the partition keys the
 * call touches. Batches ask once per table with every key of that table; a transaction asks each of its actions
 * as the single-item action it performs ({@code TransactWriteItems} is not an IAM action).
 */
final class DynamoDbService implements AwsService {

    static final String LEADING_KEYS = "dynamodb:LeadingKeys";
    private static final Pattern EQUALITY = Pattern.compile("([#\\w.]+)\\s*=\\s*(:\\w+)");

    /** The partition key attribute of a table, or of one of its indexes (name, index or null). */
    private final BiFunction<String, String, Optional<String>> partitionKeys;

    DynamoDbService(BiFunction<String, String, Optional<String>> partitionKeys) {
        this.partitionKeys = partitionKeys;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public List<AuthorizationRequest> authorizations(ProxiedCall call) {
        String target = call.headers().getOrDefault("x-amz-target", "");
        String operation = call.operation().orElse("");
        JsonNode body = call.json();
        if (target.startsWith("DynamoDBStreams_")) {
            String stream = body.path("StreamArn").asText("*");
            return List.of(AuthorizationRequest.of("dynamodb:" + operation, stream.isEmpty() ? "*" : stream));
        }
        return switch (operation) {
            case "GetItem", "UpdateItem", "DeleteItem" -> List.of(single("dynamodb:" + operation, body, body.path("Key")));
            case "PutItem" -> List.of(single("dynamodb:PutItem", body, body.path("Item")));
            case "Query" -> List.of(query(body));
            case "BatchGetItem" -> batch(body, "dynamodb:BatchGetItem", request -> elements(request.path("Keys")));
            case "BatchWriteItem" -> batch(body, "dynamodb:BatchWriteItem", requests -> elements(requests).stream()
                    .map(r -> r.has("PutRequest") ? r.path("PutRequest").path("Item") : r.path("DeleteRequest").path("Key")).toList());
            case "TransactWriteItems" -> transaction(body, Map.of("Put", "dynamodb:PutItem", "Update", "dynamodb:UpdateItem",
                    "Delete", "dynamodb:DeleteItem", "ConditionCheck", "dynamodb:ConditionCheckItem"));
            case "TransactGetItems" -> transaction(body, Map.of("Get", "dynamodb:GetItem"));
            case "ListTables" -> List.of(AuthorizationRequest.of("dynamodb:ListTables", "*"));
            default -> List.of(AuthorizationRequest.of("dynamodb:" + operation, tableArn(body.path("TableName").asText(), null)));
        };
    }

    private AuthorizationRequest single(String action, JsonNode body, JsonNode key) {
        String table = body.path("TableName").asText();
        return new AuthorizationRequest(action, tableArn(table, null), leadingKeys(table, null, List.of(key)));
    }

    private AuthorizationRequest query(JsonNode body) {
        String table = body.path("TableName").asText();
        String index = body.path("IndexName").isTextual() ? body.path("IndexName").asText() : null;
        List<String> keys = new ArrayList<>();
        partitionKeys.apply(table, index).ifPresent(partitionKey -> {
            Matcher equality = EQUALITY.matcher(body.path("KeyConditionExpression").asText(""));
            while (equality.find()) {
                String attribute = equality.group(1).startsWith("#")
                        ? body.path("ExpressionAttributeNames").path(equality.group(1)).asText() : equality.group(1);
                if (attribute.equals(partitionKey)) {
                    scalar(body.path("ExpressionAttributeValues").path(equality.group(2))).ifPresent(keys::add);
                }
            }
            JsonNode legacy = body.path("KeyConditions").path(partitionKey).path("AttributeValueList");
            legacy.forEach(value -> scalar(value).ifPresent(keys::add));
        });
        return new AuthorizationRequest("dynamodb:Query", tableArn(table, index),
                keys.isEmpty() ? Map.of() : Map.of(LEADING_KEYS, keys));
    }

    private List<AuthorizationRequest> batch(JsonNode body, String action, Function<JsonNode, List<JsonNode>> keysOf) {
        List<AuthorizationRequest> requests = new ArrayList<>();
        body.path("RequestItems").properties().forEach(entry -> requests.add(new AuthorizationRequest(action,
                tableArn(entry.getKey(), null), leadingKeys(entry.getKey(), null, keysOf.apply(entry.getValue())))));
        return requests;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private List<AuthorizationRequest> transaction(JsonNode body, Map<String, String> actions) {
        List<AuthorizationRequest> requests = new ArrayList<>();
        body.path("TransactItems").forEach(item -> actions.forEach((member, action) -> {
            JsonNode part = item.path(member);
            if (part.isObject()) {
                requests.add(single(action, part, part.has("Item") ? part.path("Item") : part.path("Key")));
            }
        }));
        return requests;
    }

    private Map<String, List<String>> leadingKeys(String table, String index, List<JsonNode> keys) {
        Optional<String> partitionKey = partitionKeys.apply(table, index);
        if (partitionKey.isEmpty()) {
            return Map.of();
        }
        List<String> values = keys.stream().map(key -> scalar(key.path(partitionKey.get()))).flatMap(Optional::stream)
                .distinct().toList();
        return values.isEmpty() ? Map.of() : Map.of(LEADING_KEYS, values);
    }

    private static Optional<String> scalar(JsonNode attributeValue) {
        for (String type : List.of("S", "N", "B")) {
            if (attributeValue.path(type).isTextual()) {
                return Optional.of(attributeValue.path(type).asText());
            }
        }
        return Optional.empty();
    }

    private static String tableArn(String table, String index) {
        return LocalAccount.arn("dynamodb", "table/" + table + (index == null ? "" : "/index/" + index));
    }

    @Override
    public Answer accessDenied(String message) {
        return Answer.jsonError(400, "com.amazon.coral.service#AccessDeniedException", "Message", message, Map.of());
    }

    @Override
    public Answer unrecognizedClient() {
        return Answer.jsonError(400, "com.amazon.coral.service#UnrecognizedClientException", "message",
                "The security token included in the request is invalid.", Map.of());
    }
}
