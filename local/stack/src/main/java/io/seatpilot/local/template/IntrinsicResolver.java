package io.seatpilot.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.aws.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions to the values they have in the local stack: parameters from
 * their defaults (or overrides), pseudo parameters for the local account, and resources through
 * {@link ResourceAttributes}. Only values the stack reads are ever resolved, so an intrinsic the local stack
 * cannot evaluate only fails when something actually needs its value.
 */
public final class IntrinsicResolver {

    /** What {@code Ref: AWS::NoValue} resolves to: the enclosing property or list item disappears. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Template template;
    private final Map<String, Object> parameterValues;
    private final ResourceAttributes resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();

    /**
     * @param overrides parameter values that replace the template's defaults (e.g. {@code Stage=local})
     */
    public IntrinsicResolver(Template template, Map<String, String> overrides, ResourceAttributes resources) {
        this.template = template;
        this.resources = resources;
        this.parameterValues = new HashMap<>();
        template.parameters().forEach((name, definition) -> {
            Object value = overrides.containsKey(name) ? overrides.get(name) : definition.get("Default");
            if (value != null) {
                parameterValues.put(name, typed(definition, String.valueOf(value)));
            }
        });
        overrides.keySet().stream().filter(name -> !template.parameters().containsKey(name)).findFirst()
                .ifPresent(name -> {
                    throw new TemplateException("Parameter " + name + " is not declared in the template");
                });
    }

    /** The parameter's value as the template sees it (after defaults and overrides). */
    public String parameter(String name) {
        Object value = parameterValue(name);
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : (String) value;
    }

    private Object parameterValue(String name) {
        Object value = parameterValues.get(name);
        if (value == null) {
            throw new TemplateException("Parameter " + name + " has no value (no Default and no override)");
        }
        return value;
    }

    /** False when the resource carries a {@code Condition} that evaluates to false: CloudFormation skips it. */
    public boolean isActive(TemplateResource resource) {
        return resource.condition().map(this::condition).orElse(true);
    }

    /** Resolves a value tree; a value that resolves to {@code AWS::NoValue} gives {@code null}. */
    public Object resolve(Object value) {
        Object resolved = evaluate(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** Resolves a scalar and renders it as CloudFormation does for string properties. */
    public String resolveString(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof Map<?, ?> || resolved instanceof List<?>) {
            throw new TemplateException("Expected a string, got " + Intrinsics.describe(resolved));
        }
        return resolved == null ? null : String.valueOf(resolved);
    }

    private Object evaluate(Object value) {
        return switch (value) {
            case Map<?, ?> map when Intrinsics.isIntrinsic(map) -> call(Intrinsics.asMap(map));
            case Map<?, ?> map -> {
                Map<String, Object> resolved = new LinkedHashMap<>();
                Intrinsics.asMap(map).forEach((key, item) -> {
                    Object result = evaluate(item);
                    if (result != NO_VALUE) {
                        resolved.put(key, result);
                    }
                });
                yield resolved;
            }
            case List<?> list -> {
                List<Object> resolved = new ArrayList<>();
                for (Object item : list) {
                    Object result = evaluate(item);
                    if (result != NO_VALUE) {
                        resolved.add(result);
                    }
                }
                yield resolved;
            }
            case null, default -> value;
        };
    }

    private Object call(Map<String, Object> intrinsic) {
        var entry = intrinsic.entrySet().iterator().next();
        Object argument = entry.getValue();
        try {
            return switch (entry.getKey()) {
                case "Ref" -> ref(String.valueOf(argument));
                case "Condition" -> condition(String.valueOf(argument));
                case "Fn::GetAtt" -> getAtt(argument);
                case "Fn::Sub" -> sub(argument);
                case "Fn::Join" -> join(Intrinsics.asList(argument));
                case "Fn::Select" -> select(Intrinsics.asList(argument));
                case "Fn::Split" -> split(Intrinsics.asList(argument));
                case "Fn::If" -> branch(Intrinsics.asList(argument));
                case "Fn::Equals" -> equalsCall(Intrinsics.asList(argument));
                case "Fn::Not" -> !truth(Intrinsics.asList(argument).getFirst());
                case "Fn::And" -> Intrinsics.asList(argument).stream().allMatch(this::truth);
                case "Fn::Or" -> Intrinsics.asList(argument).stream().anyMatch(this::truth);
                case "Fn::FindInMap" -> findInMap(Intrinsics.asList(argument));
                case "Fn::Base64" -> Base64.getEncoder().encodeToString(text(argument).getBytes(StandardCharsets.UTF_8));
                case "Fn::GetAZs" -> List.of(LocalAccount.REGION + "a", LocalAccount.REGION + "b", LocalAccount.REGION + "c");
                case "Fn::ToJsonString" -> JSON.writeValueAsString(resolve(argument));
                case "Fn::Length" -> Intrinsics.asList(evaluate(argument)).size();
                default -> throw new TemplateException(entry.getKey() + " is not supported by the local stack");
            };
        } catch (JsonProcessingException e) {
            throw new TemplateException("Fn::ToJsonString failed: " + e.getOriginalMessage(), e);
        }
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::Region" -> LocalAccount.REGION;
            case "AWS::AccountId" -> LocalAccount.ACCOUNT_ID;
            case "AWS::Partition" -> LocalAccount.PARTITION;
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "seatpilot-local";
            case "AWS::StackId" -> LocalAccount.arn("cloudformation", "stack/seatpilot-local/00000000-0000-0000-0000-000000000000");
            case "AWS::NotificationARNs" -> List.of();
            case "AWS::NoValue" -> NO_VALUE;
            default -> {
                if (template.parameters().containsKey(name)) {
                    yield parameterValue(name);
                }
                if (template.resources().containsKey(name)) {
                    yield resources.ref(name);
                }
                throw new TemplateException("Ref to unknown name " + name);
            }
        };
    }

    private String getAtt(Object argument) {
        List<Object> parts = Intrinsics.asList(argument);
        String logicalId = text(parts.get(0));
        if (!template.resources().containsKey(logicalId)) {
            throw new TemplateException("Fn::GetAtt on unknown resource " + logicalId);
        }
        return resources.getAtt(logicalId, text(parts.get(1)));
    }

    private String sub(Object argument) {
        String pattern;
        Map<String, Object> variables;
        if (argument instanceof List<?> list) {
            pattern = String.valueOf(list.get(0));
            variables = Intrinsics.asMap(list.get(1));
        } else {
            pattern = String.valueOf(argument);
            variables = Map.of();
        }
        Matcher matcher = SUB_VARIABLE.matcher(pattern);
        var result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                replacement = text(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = getAtt(List.of(name.substring(0, dot), name.substring(dot + 1)));
            } else {
                replacement = scalar(ref(name), "${" + name + "}");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String join(List<Object> arguments) {
        String delimiter = text(arguments.get(0));
        return String.join(delimiter, Intrinsics.asList(evaluate(arguments.get(1))).stream()
                .map(item -> scalar(item, "Fn::Join item")).toList());
    }

    private Object select(List<Object> arguments) {
        int index = Integer.parseInt(text(arguments.get(0)));
        return Intrinsics.asList(evaluate(arguments.get(1))).get(index);
    }

    private List<String> split(List<Object> arguments) {
        String delimiter = text(arguments.get(0));
        return Arrays.asList(text(arguments.get(1)).split(Pattern.quote(delimiter), -1));
    }

    private Object branch(List<Object> arguments) {
        return evaluate(condition(text(arguments.get(0))) ? arguments.get(1) : arguments.get(2));
    }

    private boolean equalsCall(List<Object> arguments) {
        return Objects.equals(comparable(evaluate(arguments.get(0))), comparable(evaluate(arguments.get(1))));
    }

    private Object findInMap(List<Object> arguments) {
        Map<String, Object> map = Intrinsics.asMap(template.mappings().get(text(arguments.get(0))));
        Object top = map.get(text(arguments.get(1)));
        Object value = top == null ? null : Intrinsics.asMap(top).get(text(arguments.get(2)));
        if (value == null && arguments.size() > 3) {
            return evaluate(Intrinsics.asMap(arguments.get(3)).get("DefaultValue"));
        }
        if (value == null) {
            throw new TemplateException("Fn::FindInMap found nothing for " + arguments);
        }
        return value;
    }

    private boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!template.conditions().containsKey(name)) {
            throw new TemplateException("Unknown condition " + name);
        }
        boolean value = truth(template.conditions().get(name));
        conditionValues.put(name, value);
        return value;
    }

    private boolean truth(Object expression) {
        Object value = evaluate(expression);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new TemplateException("Expected a condition, got " + Intrinsics.describe(value));
    }

    private String text(Object value) {
        return scalar(evaluate(value), String.valueOf(value));
    }

    private static String scalar(Object value, String where) {
        if (value == null || value == NO_VALUE || value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException("Expected a string for " + where + ", got " + Intrinsics.describe(value));
        }
        return String.valueOf(value);
    }

    /** CloudFormation compares values as strings: {@code 1} equals {@code "1"}. */
    private static Object comparable(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? value : String.valueOf(value);
    }

    private static Object typed(Map<String, Object> definition, String value) {
        String type = String.valueOf(definition.getOrDefault("Type", "String"));
        boolean isList = type.equals("CommaDelimitedList") || type.startsWith("List<");
        return isList ? Arrays.stream(value.split(",")).map(String::trim).toList() : value;
    }
}
