package io.seatpilot.local.iam;

import java.util.List;
import java.util.Map;

/**
 * One question IAM answers for one AWS call: may the caller perform {@code action} (e.g. {@code
 * dynamodb:PutItem}) on {@code resource} (an ARN), given the call's condition keys (e.g. {@code
 * dynamodb:LeadingKeys} → the partition keys the call touches)? A call may ask several (a batch over two tables,
 * a transaction of puts and updates); it is allowed only when every one is.
 */
public record AuthorizationRequest(String action, String resource, Map<String, List<String>> context) {

    public AuthorizationRequest {
        context = Map.copyOf(context);
    }

    public static AuthorizationRequest of(String action, String resource) {
        return new AuthorizationRequest(action, resource, Map.of());
    }
}
