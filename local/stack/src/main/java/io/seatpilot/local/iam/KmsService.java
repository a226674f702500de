package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * KMS as IAM sees it: the action is the operation, the resource the key's ARN — also when the call names the
 * key by id or alias — and {@code kms:MacAlgorithm} / {@code kms:SigningAlgorithm} / {@code
 * kms:EncryptionAlgorithm} as the call gives them.
 */
final class KmsService implements AwsService {

    private final Function<String, String> keyArns;

    /** @param keyArns a key id, key ARN, alias name or alias ARN → the key's ARN (the name itself when unknown) */
    KmsService(Function<String, String> keyArns) {
        this.keyArns = keyArns;
    }

    @Override
    public String name() {
        return "kms";
    }

    @Override
    public List<AuthorizationRequest> authorizations(ProxiedCall call) {
        JsonNode body = call.json();
        String operation = call.operation().orElse("");
        String key = body.path("KeyId").isTextual() ? keyArns.apply(body.path("KeyId").asText()) : "*";
        Map<String, List<String>> context = new java.util.LinkedHashMap<>();
        for (String field : List.of("MacAlgorithm", "SigningAlgorithm", "EncryptionAlgorithm")) {
            if (body.path(field).isTextual()) {
                context.put("kms:" + field, List.of(body.path(field).asText()));
            }
        }
        return List.of(new AuthorizationRequest("kms:" + operation, key, context));
    }

    @Override
    public Answer accessDenied(String message) {
        return Answer.jsonError(400, "AccessDeniedException", "message", message, Map.of());
    }

    @Override
    public Answer unrecognizedClient() {
        return Answer.jsonError(400, "UnrecognizedClientException", "message",
                "The security token included in the request is invalid.", Map.of());
    }
}
