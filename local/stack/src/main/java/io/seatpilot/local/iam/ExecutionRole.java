package io.seatpilot.local.iam;

import io.seatpilot.local.aws.LocalAccount;
import java.util.List;

/**
 * A function's execution role as SAM would create it from the function's {@code Policies}: the statements of
 * every inline policy and expanded policy template. Only identity-based policies are evaluated; resource
 * policies (the KMS key policy, queue policies) grant the account here and so add nothing to decide.
 */
public record ExecutionRole(String functionLogicalId, String functionName, List<PolicyStatement> statements) {

    public ExecutionRole {
        statements = List.copyOf(statements);
    }

    /** SAM names a function's generated role {@code <LogicalId>Role}; Lambda's session is the function's name. */
    public String principalArn() {
        return "arn:" + LocalAccount.PARTITION + ":sts::" + LocalAccount.ACCOUNT_ID + ":assumed-role/"
                + functionLogicalId + "Role/" + functionName;
    }

    public Decision decide(AuthorizationRequest request) {
        boolean allowed = false;
        for (PolicyStatement statement : statements) {
            if (statement.applies(request)) {
                if (statement.effect() == PolicyStatement.Effect.DENY) {
                    return new Decision.Denied(request, "with an explicit deny in an identity-based policy");
                }
                allowed = true;
            }
        }
        return allowed ? new Decision.Allowed()
                : new Decision.Denied(request, "because no identity-based policy allows the " + request.action() + " action");
    }

    /** AWS's own wording of a denial, as the services put it in AccessDeniedException's message. */
    public String denialMessage(Decision.Denied denied) {
        return "User: " + principalArn() + " is not authorized to perform: " + denied.request().action()
                + " on resource: " + denied.request().resource() + " " + denied.because();
    }
}
