package io.seatpilot.local.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One condition of a policy statement, e.g. {@code ForAnyValue:StringLike: {dynamodb:LeadingKeys: ["T#*#AUDIT#*"]}},
 * evaluated as IAM evaluates it:
 * <ul>
 *   <li>without a set qualifier the key is single-valued: an absent key fails a positive operator and passes a
 *       negated one; a key with several values matches when one of them does;</li>
 *   <li>{@code ForAnyValue:} holds when at least one of the request's values matches (an absent key never does);</li>
 *   <li>{@code ForAllValues:} holds when every value matches (an absent or empty key always does);</li>
 *   <li>the {@code IfExists} suffix makes an absent key pass.</li>
 * </ul>
 * An operator the stack does not know is refused when the template is read, never silently ignored.
 */
record Condition(Qualifier qualifier, Operator operator, boolean ifExists, String key, List<String> values) {

    enum Qualifier { SINGLE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    enum Operator {
        STRING_EQUALS(false, false, false), STRING_NOT_EQUALS(true, false, false),
        STRING_EQUALS_IGNORE_CASE(false, false, true), STRING_NOT_EQUALS_IGNORE_CASE(true, false, true),
        STRING_LIKE(false, true, false), STRING_NOT_LIKE(true, true, false),
        ARN_EQUALS(false, false, false), ARN_NOT_EQUALS(true, false, false),
        ARN_LIKE(false, true, false), ARN_NOT_LIKE(true, true, false),
        BOOL(false, false, true);

        final boolean negated;
        final boolean wildcards;
        final boolean ignoreCase;

        Operator(boolean negated, boolean wildcards, boolean ignoreCase) {
            this.negated = negated;
            this.wildcards = wildcards;
            this.ignoreCase = ignoreCase;
        }

        static Operator named(String name) {
            return switch (name) {
                case "StringEquals" -> STRING_EQUALS;
                case "StringNotEquals" -> STRING_NOT_EQUALS;
                case "StringEqualsIgnoreCase" -> STRING_EQUALS_IGNORE_CASE;
                case "StringNotEqualsIgnoreCase" -> STRING_NOT_EQUALS_IGNORE_CASE;
                case "StringLike" -> STRING_LIKE;
                case "StringNotLike" -> STRING_NOT_LIKE;
                case "ArnEquals" -> ARN_EQUALS;
                case "ArnNotEquals" -> ARN_NOT_EQUALS;
                case "ArnLike" -> ARN_LIKE;
                case "ArnNotLike" -> ARN_NOT_LIKE;
                case "Bool" -> BOOL;
                default -> throw new IllegalArgumentException("Condition operator " + name
                        + " is not evaluated by the local stack; extend io.seatpilot.local.iam.Condition");
            };
        }
    }

    Condition {
        values = List.copyOf(values);
    }

    /** Reads a statement's Condition block: {@code {operator: {key: value or [values]}}}. */
    static List<Condition> parse(Object block) {
        if (block == null) {
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>();
        asMap(block, "Condition").forEach((operatorName, keys) -> {
            String name = operatorName;
            Qualifier qualifier = Qualifier.SINGLE;
            if (name.startsWith("ForAnyValue:")) {
                qualifier = Qualifier.FOR_ANY_VALUE;
                name = name.substring("ForAnyValue:".length());
            } else if (name.startsWith("ForAllValues:")) {
                qualifier = Qualifier.FOR_ALL_VALUES;
                name = name.substring("ForAllValues:".length());
            }
            boolean ifExists = name.endsWith("IfExists");
            Operator operator = Operator.named(ifExists ? name.substring(0, name.length() - "IfExists".length()) : name);
            Qualifier q = qualifier;
            asMap(keys, operatorName).forEach((key, value) ->
                    conditions.add(new Condition(q, operator, ifExists, key, PolicyStatement.strings(value))));
        });
        return conditions;
    }

    boolean holds(Map<String, List<String>> context) {
        List<String> actual = context.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).filter(Objects::nonNull).findFirst().orElse(List.of());
        if (actual.isEmpty()) {
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case SINGLE -> ifExists || operator.negated;
            };
        }
        return switch (qualifier) {
            case FOR_ALL_VALUES -> actual.stream().allMatch(this::valueMatches);
            case FOR_ANY_VALUE, SINGLE -> actual.stream().anyMatch(this::valueMatches);
        };
    }

    private boolean valueMatches(String actual) {
        boolean any = values.stream().anyMatch(expected -> operator.wildcards
                ? Glob.matches(expected, actual, operator.ignoreCase)
                : operator.ignoreCase ? expected.equalsIgnoreCase(actual) : expected.equals(actual));
        return operator.negated != any;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " must be a mapping, not " + value);
        }
        return (Map<String, Object>) map;
    }
}
