package io.seatpilot.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * A function's environment. Handlers take it in a constructor so one JVM (the local stack) can host many
 * functions, each with the variables the SAM template gives it; in Lambda it is simply {@code System.getenv()}.
 */
public record Env(Map<String, String> variables) {

    public Env {
        variables = Map.copyOf(variables);
    }

    public static Env fromSystem() {
        return new Env(System.getenv());
    }

    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    public String optional(String name, String fallback) {
        return optional(name).orElse(fallback);
    }
}
