package io.seatpilot.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.json.Json;
import java.util.Map;

/** What a handler answers; turned into the gateway's response shape in one place. */
public record ApiResponse(int status, String contentType, String body) {

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, "application/json", Json.write(value));
    }

    public static ApiResponse problem(Problem problem) {
        return new ApiResponse(problem.status(), Problem.CONTENT_TYPE, Json.write(problem));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null);
    }

    public APIGatewayV2HTTPResponse toGatewayResponse(String requestId) {
        Map<String, String> headers = contentType == null
                ? Map.of("x-request-id", requestId)
                : Map.of("content-type", contentType, "x-request-id", requestId);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
