package io.seatpilot.local.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SNS (Query protocol) as IAM sees it: the action is {@code sns:<Action>}, the resource the topic — named by
 * {@code TopicArn}, {@code TargetArn} or, for {@code Unsubscribe}, the topic part of the subscription ARN. A
 * {@code Publish} straight to a phone number has no resource, so IAM checks it against {@code *}, as AWS does.
 */
final class SnsService implements AwsService {

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public List<AuthorizationRequest> authorizations(ProxiedCall call) {
        Map<String, String> params = form(new String(call.body(), StandardCharsets.UTF_8));
        String action = params.get("Action");
        if (action == null) {
            return List.of();
        }
        String resource;
        if (params.containsKey("TopicArn")) {
            resource = params.get("TopicArn");
        } else if (params.containsKey("TargetArn")) {
            resource = params.get("TargetArn");
        } else if (params.containsKey("SubscriptionArn")) {
            String subscription = params.get("SubscriptionArn");
            resource = subscription.substring(0, Math.max(0, subscription.lastIndexOf(':')));
        } else if (action.equals("CreateTopic")) {
            resource = io.seatpilot.local.aws.LocalAccount.arn("sns", params.getOrDefault("Name", ""));
        } else {
            resource = "*";
        }
        return List.of(AuthorizationRequest.of("sns:" + action, resource));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public Answer accessDenied(String message) {
        return Answer.xmlError(403, "AuthorizationError", message);
    }

    @Override
    public Answer unrecognizedClient() {
        return Answer.xmlError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }
}
