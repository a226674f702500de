package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.text.CharRunPattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A JSON Schema compiled once into plain Java checks, for the keywords {@code schemas/} uses; any other keyword
 * fails the build of the layer ({@link #compile} throws), so nothing in a schema is ever silently skipped. It
 * answers {@link Verdict#VALID} only when it is certain: where draft 2020-12 and Java could disagree (an integer
 * written as {@code 1.0}, a big integer, a non-string enum) it answers {@link Verdict#UNSURE}, and the caller
 * asks networknt, which also words the violations of anything not valid. Valid envelopes — nearly all of them —
 * thus skip the generic validator's per-node bookkeeping (paths, messages, walkers), which cost most of ingest's CPU.
 */
@FunctionalInterface
interface SchemaCheck {

    enum Verdict {
        VALID, INVALID, UNSURE;

        static Verdict of(boolean valid) {
            return valid ? VALID : INVALID;
        }

        /** Both must hold: any refusal refuses, any doubt is doubt. */
        Verdict and(Verdict other) {
            return this == INVALID || other == INVALID ? INVALID : this == UNSURE || other == UNSURE ? UNSURE : VALID;
        }

        Verdict not() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNSURE;
        }
    }

    Verdict check(JsonNode node);

    /** Annotations: they describe, they do not validate. */
    Set<String> IGNORED = Set.of("$schema", "$id", "title", "description", "examples", "$comment");

    static SchemaCheck compile(JsonNode schema) {
        if (schema.isBoolean()) {
            Verdict verdict = Verdict.of(schema.asBoolean());
            return node -> verdict;
        }
        List<SchemaCheck> checks = new ArrayList<>();
        schema.properties().forEach(keyword -> {
            if (!IGNORED.contains(keyword.getKey())) {
                checks.add(keyword(keyword.getKey(), keyword.getValue(), schema));
            }
        });
        SchemaCheck[] all = checks.toArray(SchemaCheck[]::new);
        return node -> {
            Verdict verdict = Verdict.VALID;
            for (SchemaCheck check : all) {
                verdict = verdict.and(check.check(node));
                if (verdict == Verdict.INVALID) {
                    return verdict;
                }
            }
            return verdict;
        };
    }

    private static SchemaCheck keyword(String keyword, JsonNode value, JsonNode schema) {
        return switch (keyword) {
            case "type" -> type(value.asText());
            case "properties", "additionalProperties" -> keyword.equals("properties") || !schema.has("properties")
                    ? properties(schema) : node -> Verdict.VALID; // both are compiled together, once
            case "required" -> {
                String[] names = texts(value).toArray(String[]::new);
                yield objects(node -> Verdict.of(hasAll(node, names)));
            }
            case "dependentRequired" -> {
                Map<String, String[]> dependencies = new java.util.HashMap<>();
                value.properties().forEach(d -> dependencies.put(d.getKey(), texts(d.getValue()).toArray(String[]::new)));
                yield objects(node -> {
                    for (var d : dependencies.entrySet()) {
                        if (node.has(d.getKey()) && !hasAll(node, d.getValue())) {
                            return Verdict.INVALID;
                        }
                    }
                    return Verdict.VALID;
                });
            }
            case "pattern" -> {
                Predicate<String> matches = CharRunPattern.of(value.asText())
                        .orElseGet(() -> new LastAcceptedPattern(value.asText()));
                yield strings(text -> Verdict.of(matches.test(text)));
            }
            case "minLength" -> strings(text -> Verdict.of(text.codePointCount(0, text.length()) >= value.asInt()));
            case "maxLength" -> strings(text -> Verdict.of(text.codePointCount(0, text.length()) <= value.asInt()));
            case "enum" -> {
                List<String> allowed = texts(value);
                yield node -> Verdict.of(node.isTextual() && allowed.contains(node.textValue()));
            }
            case "const" -> {
                String constant = texts(List.of(value)).getFirst();
                yield node -> Verdict.of(node.isTextual() && constant.equals(node.textValue()));
            }
            case "minimum" -> numbers(value, c -> c >= 0);
            case "maximum" -> numbers(value, c -> c <= 0);
            case "exclusiveMinimum" -> numbers(value, c -> c > 0);
            case "items" -> {
                SchemaCheck item = compile(value);
                yield arrays(node -> {
                    Verdict verdict = Verdict.VALID;
                    for (JsonNode element : node) {
                        verdict = verdict.and(item.check(element));
                    }
                    return verdict;
                });
            }
            case "minItems" -> arrays(node -> Verdict.of(node.size() >= value.asInt()));
            case "maxItems" -> arrays(node -> Verdict.of(node.size() <= value.asInt()));
            case "uniqueItems" -> arrays(node -> {
                Set<String> seen = new HashSet<>();
                for (JsonNode element : node) {
                    if (!element.isTextual()) {
                        return Verdict.UNSURE; // equality of numbers and objects is networknt's to judge
                    }
                    if (!seen.add(element.textValue())) {
                        return Verdict.INVALID;
                    }
                }
                return Verdict.VALID;
            });
            case "not" -> {
                SchemaCheck negated = compile(value);
                yield node -> negated.check(node).not();
            }
            case "anyOf" -> {
                List<SchemaCheck> options = compileAll(value);
                yield node -> {
                    Verdict any = Verdict.INVALID;
                    for (SchemaCheck option : options) {
                        Verdict verdict = option.check(node);
                        if (verdict == Verdict.VALID) {
                            return verdict;
                        }
                        any = verdict == Verdict.UNSURE ? verdict : any;
                    }
                    return any;
                };
            }
            case "oneOf" -> {
                List<SchemaCheck> options = compileAll(value);
                yield node -> {
                    List<Verdict> verdicts = options.stream().map(o -> o.check(node)).toList();
                    return verdicts.contains(Verdict.UNSURE) ? Verdict.UNSURE
                            : Verdict.of(verdicts.stream().filter(v -> v == Verdict.VALID).count() == 1);
                };
            }
            case "if" -> {
                SchemaCheck condition = compile(value);
                SchemaCheck then = schema.has("then") ? compile(schema.get("then")) : node -> Verdict.VALID;
                SchemaCheck otherwise = schema.has("else") ? compile(schema.get("else")) : node -> Verdict.VALID;
                yield node -> switch (condition.check(node)) {
                    case VALID -> then.check(node);
                    case INVALID -> otherwise.check(node);
                    case UNSURE -> Verdict.UNSURE;
                };
            }
            case "then", "else" -> node -> Verdict.VALID; // compiled with their "if"
            default -> throw new IllegalStateException("JSON Schema keyword " + keyword + " has no compiled check");
        };
    }

    private static SchemaCheck type(String type) {
        return switch (type) {
            case "object" -> node -> Verdict.of(node.isObject());
            case "array" -> node -> Verdict.of(node.isArray());
            case "string" -> node -> Verdict.of(node.isTextual());
            case "boolean" -> node -> Verdict.of(node.isBoolean());
            case "number" -> node -> Verdict.of(node.isNumber());
            // 1.0 is an integer to draft 2020-12 but not to Jackson: networknt decides
            case "integer" -> node -> node.isIntegralNumber() ? Verdict.VALID : node.isNumber() ? Verdict.UNSURE : Verdict.INVALID;
            default -> throw new IllegalStateException("JSON Schema type " + type + " has no compiled check");
        };
    }

    /** {@code properties} with {@code additionalProperties} (false, true or absent) in one pass over the fields. */
    private static SchemaCheck properties(JsonNode schema) {
        Map<String, SchemaCheck> known = new java.util.HashMap<>();
        schema.path("properties").properties().forEach(p -> known.put(p.getKey(), compile(p.getValue())));
        JsonNode additional = schema.path("additionalProperties");
        if (!additional.isMissingNode() && !additional.isBoolean()) {
            throw new IllegalStateException("additionalProperties as a schema has no compiled check");
        }
        boolean closed = !additional.asBoolean(true);
        return objects(node -> {
            Verdict verdict = Verdict.VALID;
            for (var field : node.properties()) {
                SchemaCheck check = known.get(field.getKey());
                if (check == null) {
                    if (closed) {
                        return Verdict.INVALID;
                    }
                    continue;
                }
                verdict = verdict.and(check.check(field.getValue()));
                if (verdict == Verdict.INVALID) {
                    return verdict;
                }
            }
            return verdict;
        });
    }

    /** A comparison of the instance with the schema's bound: {@code holds} gets compare(instance, bound). */
    private static SchemaCheck numbers(JsonNode bound, java.util.function.IntPredicate holds) {
        BigDecimal limit = bound.decimalValue();
        return node -> {
            if (!node.isNumber()) {
                return Verdict.VALID; // bounds apply to numbers only
            }
            if (node.isBigInteger() || node.isBigDecimal()) {
                return Verdict.UNSURE;
            }
            BigDecimal value = node.isIntegralNumber() ? BigDecimal.valueOf(node.longValue()) : new BigDecimal(node.doubleValue());
            return Verdict.of(holds.test(value.compareTo(limit)));
        };
    }

    private static boolean hasAll(JsonNode node, String[] names) {
        for (String name : names) {
            if (!node.has(name)) {
                return false;
            }
        }
        return true;
    }

    private static SchemaCheck objects(SchemaCheck check) {
        return node -> node.isObject() ? check.check(node) : Verdict.VALID;
    }

    private static SchemaCheck arrays(SchemaCheck check) {
        return node -> node.isArray() ? check.check(node) : Verdict.VALID;
    }

    private static SchemaCheck strings(Function<String, Verdict> check) {
        return node -> node.isTextual() ? check.apply(node.textValue()) : Verdict.VALID;
    }

    private static List<SchemaCheck> compileAll(JsonNode schemas) {
        List<SchemaCheck> compiled = new ArrayList<>();
        schemas.forEach(s -> compiled.add(compile(s)));
        return compiled;
    }

    private static List<String> texts(Iterable<JsonNode> values) {
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new IllegalStateException("only string values have a compiled check, not " + value);
            }
            texts.add(value.textValue());
        }
        return texts;
    }
}
