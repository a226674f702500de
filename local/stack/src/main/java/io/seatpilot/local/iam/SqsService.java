package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.aws.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQS (JSON protocol) as IAM sees it: the batch operations are authorised as their single-message actions, the
 * resource is the queue named by its URL. Also the message size limit, which ElasticMQ does not enforce: a
 * message, or a whole batch, over 256 KiB is refused as SQS refuses it.
 */
final class SqsService implements AwsService {

    static final int MESSAGE_LIMIT_BYTES = 256 * 1024;
    private static final Map<String, String> BATCH_ACTIONS = Map.of("SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public List<AuthorizationRequest> authorizations(ProxiedCall call) {
        String operation = call.operation().orElse("");
        JsonNode body = call.json();
        String queue = body.path("QueueUrl").isTextual()
                ? queueArn(body.path("QueueUrl").asText()) : body.path("QueueName").isTextual()
                ? LocalAccount.arn("sqs", body.path("QueueName").asText()) : "*";
        return List.of(AuthorizationRequest.of("sqs:" + BATCH_ACTIONS.getOrDefault(operation, operation), queue));
    }

    @Override
    public Optional<Answer> overLimit(ProxiedCall call) {
        JsonNode body = call.json();
        return switch (call.operation().orElse("")) {
            case "SendMessage" -> size(body) > MESSAGE_LIMIT_BYTES ? Optional.of(invalid(
                    "One or more parameters are invalid. Reason: Message must be shorter than " + MESSAGE_LIMIT_BYTES + " bytes."))
                    : Optional.empty();
            case "SendMessageBatch" -> {
                long total = 0;
                for (JsonNode entry : body.path("Entries")) {
                    total += size(entry);
                }
                yield total > MESSAGE_LIMIT_BYTES ? Optional.of(Answer.jsonError(400, "com.amazonaws.sqs#BatchRequestTooLong",
                        "message", "Batch requests cannot be longer than " + MESSAGE_LIMIT_BYTES + " bytes. You have sent "
                                + total + " bytes.", Map.of("x-amzn-query-error", "AWS.SimpleQueueService.BatchRequestTooLong;Sender")))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /** A message's size as SQS counts it: the body plus each attribute's name, type and value. */
    private static long size(JsonNode message) {
        long size = message.path("MessageBody").asText("").getBytes(StandardCharsets.UTF_8).length;
        for (var attribute : message.path("MessageAttributes").properties()) {
            JsonNode value = attribute.getValue();
            size += utf8(attribute.getKey()) + utf8(value.path("DataType").asText(""))
                    + utf8(value.path("StringValue").asText("")) + value.path("BinaryValue").asText("").length() * 3L / 4;
        }
        return size;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Answer invalid(String message) {
        return Answer.jsonError(400, "com.amazonaws.sqs#InvalidParameterValue", "message", message,
                Map.of("x-amzn-query-error", "InvalidParameterValue;Sender"));
    }

    /** {@code http://host/000000000000/name} → {@code arn:aws:sqs:us-east-1:000000000000:name}. */
    private static String queueArn(String queueUrl) {
        return LocalAccount.arn("sqs", queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
    }

    @Override
    public Answer accessDenied(String message) {
        return Answer.jsonError(403, "com.amazon.coral.service#AccessDeniedException", "message", message,
                Map.of("x-amzn-query-error", "AccessDenied;Sender"));
    }

    @Override
    public Answer unrecognizedClient() {
        return Answer.jsonError(403, "com.amazon.coral.service#InvalidClientTokenId", "message",
                "The security token included in the request is invalid.", Map.of("x-amzn-query-error", "InvalidClientTokenId;Sender"));
    }
}
