package io.seatpilot.local.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * An SNS subscription filter policy on message attributes: every key of the policy must match (AND), any value of
 * a key's list may (OR). Values: exact strings and numbers, {@code {"prefix": …}}, {@code {"anything-but": …}}
 * and {@code {"exists": true|false}} — the forms a subscription per event needs. Other operators are refused
 * at subscribe time rather than matched wrongly.
 */
record FilterPolicy(JsonNode policy) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FilterPolicy parse(String text) {
        JsonNode policy;
        try {
            policy = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid("failed to parse JSON");
        }
        if (policy == null || !policy.isObject() || policy.isEmpty()) {
            throw invalid("the policy must be a non-empty JSON object");
        }
        for (var entry : policy.properties()) {
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw invalid("match criteria of " + entry.getKey() + " must be a non-empty array");
            }
            for (JsonNode rule : entry.getValue()) {
                if (rule.isObject() && !(rule.has("prefix") || rule.has("anything-but") || rule.has("exists"))) {
                    throw invalid("operator " + rule.fieldNames().next() + " is not emulated locally");
                }
            }
        }
        return new FilterPolicy(policy);
    }

    boolean matches(Map<String, SnsEndpoint.Attribute> attributes) {
        for (var entry : policy.properties()) {
            SnsEndpoint.Attribute attribute = attributes.get(entry.getKey());
            boolean any = false;
            for (JsonNode rule : entry.getValue()) {
                any |= matches(rule, attribute);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(JsonNode rule, SnsEndpoint.Attribute attribute) {
        if (rule.has("exists")) {
            return rule.get("exists").asBoolean() == (attribute != null);
        }
        if (attribute == null) {
            return false;
        }
        if (rule.has("prefix")) {
            return attribute.value().startsWith(rule.get("prefix").asText());
        }
        if (rule.has("anything-but")) {
            JsonNode excluded = rule.get("anything-but");
            for (JsonNode value : excluded.isArray() ? excluded : JSON.createArrayNode().add(excluded)) {
                if (equal(value, attribute)) {
                    return false;
                }
            }
            return true;
        }
        return equal(rule, attribute);
    }

    private static boolean equal(JsonNode value, SnsEndpoint.Attribute attribute) {
        if (value.isNumber()) {
            try {
                return attribute.dataType().startsWith("Number") && Double.parseDouble(attribute.value()) == value.asDouble();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return value.isTextual() && attribute.dataType().startsWith("String") && value.asText().equals(attribute.value());
    }

    private static AwsError invalid(String why) {
        return new AwsError(400, "InvalidParameter", "Invalid parameter: FilterPolicy: " + why);
    }
}
