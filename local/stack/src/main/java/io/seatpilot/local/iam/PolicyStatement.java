package io.seatpilot.local.iam;

import java.util.List;
import java.util.Map;

/** One statement of an identity-based policy: an effect on actions over resources, under conditions. */
record PolicyStatement(Effect effect, List<String> actions, List<String> resources, List<Condition> conditions) {

    enum Effect { ALLOW, DENY }

    PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    static PolicyStatement parse(Map<String, Object> statement) {
        for (String unsupported : List.of("NotAction", "NotResource", "Principal", "NotPrincipal")) {
            if (statement.containsKey(unsupported)) {
                throw new IllegalArgumentException(unsupported + " in an execution role's statement is not evaluated by the local stack");
            }
        }
        Effect effect = switch (String.valueOf(statement.get("Effect"))) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new IllegalArgumentException("Effect must be Allow or Deny: " + statement);
        };
        List<String> actions = strings(statement.get("Action"));
        List<String> resources = strings(statement.get("Resource"));
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("A statement needs Action and Resource: " + statement);
        }
        return new PolicyStatement(effect, actions, resources, Condition.parse(statement.get("Condition")));
    }

    boolean applies(AuthorizationRequest request) {
        return actions.stream().anyMatch(action -> Glob.matches(action, request.action(), true))
                && resources.stream().anyMatch(resource -> Glob.matches(resource, request.resource(), false))
                && conditions.stream().allMatch(condition -> condition.holds(request.context()));
    }

    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
