package io.seatpilot.local.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS::Serverless::Function as the local stack runs it: its handler, limits, complete environment (the
 * template's variables plus what Lambda provides) and its event sources.
 */
public record FunctionDefinition(String logicalId, String functionName, String handler, Duration timeout, int memoryMb,
                                 Map<String, String> environment, List<FunctionEvent> events, Optional<String> codeUri) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
        events = List.copyOf(events);
    }

    /** The class part of {@code pkg.Class::method}. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /** The method part of {@code pkg.Class::method}; Lambda's Java runtime defaults to handleRequest. */
    public String handlerMethod() {
        int separator = handler.indexOf("::");
        return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    }

    public String arn() {
        return io.seatpilot.local.aws.LocalAccount.arn("lambda", "function:" + functionName);
    }

    public <E extends FunctionEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
