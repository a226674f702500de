package io.seatpilot.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.observability.Logs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Dispatches a function's HTTP routes by the gateway's route key and maps every outcome to an answer: refusals
 * to problem+json with their reason, anything unexpected to a 500 that names nothing internal.
 */
public final class HttpRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);

    private final Map<String, Function<ApiRequest, ApiResponse>> routes;

    private HttpRoutes(Map<String, Function<ApiRequest, ApiResponse>> routes) {
        this.routes = Map.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = ApiRequest.from(event);
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                Logs.requestId(request.requestId());
                Logs.event(request.routeKey());
                return dispatch(request).toGatewayResponse(request.requestId());
            } finally {
                Logs.clear();
            }
        });
    }

    private ApiResponse dispatch(ApiRequest request) {
        var route = routes.get(request.routeKey());
        if (route == null) {
            return ApiResponse.problem(Problem.of(Reason.NOT_FOUND, "No such route"));
        }
        try {
            ApiResponse response = route.apply(request);
            LOG.info("answered {}", response.status());
            return response;
        } catch (ApiException refused) {
            LOG.info("refused {} {}", refused.problem().status(), refused.problem().reason());
            return ApiResponse.problem(refused.problem());
        } catch (RuntimeException unexpected) {
            LOG.error("failed", unexpected);
            return ApiResponse.problem(Problem.of(Reason.INTERNAL_ERROR, "The request could not be completed; retry later"));
        }
    }

    public static final class Builder {
        private final Map<String, Function<ApiRequest, ApiResponse>> routes = new LinkedHashMap<>();

        /** {@code routeKey} as the template declares it, e.g. {@code "POST /v1/devices"}. */
        public Builder route(String routeKey, Function<ApiRequest, ApiResponse> handler) {
            routes.put(routeKey, handler);
            return this;
        }

        public HttpRoutes build() {
            return new HttpRoutes(routes);
        }
    }
}
