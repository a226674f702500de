package io.seatpilot.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.json.Json;
import java.util.Map;

/**
 * What a handler answers; turned into the gateway's response shape in one place. A {@code base64} body is binary
 * (a PDF, a gzipped list) that API Gateway decodes before it reaches the client.
 */
public record ApiResponse(int status, String contentType, String body, Map<String, String> headers, boolean base64) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, String contentType, String body, Map<String, String> headers) {
        this(status, contentType, body, headers, false);
    }

    public ApiResponse(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, "application/json", Json.write(value));
    }

    public static ApiResponse problem(Problem problem) {
        return new ApiResponse(problem.status(), Problem.CONTENT_TYPE, Json.write(problem), problem.retryAfterSeconds() == null
                ? Map.of() : Map.of("retry-after", Long.toString(problem.retryAfterSeconds())));
    }

    public static ApiResponse binary(int status, String contentType, byte[] body, Map<String, String> headers) {
        return new ApiResponse(status, contentType, java.util.Base64.getEncoder().encodeToString(body), headers, true);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null);
    }

    public APIGatewayV2HTTPResponse toGatewayResponse(String requestId) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("x-request-id", requestId);
        if (contentType != null) {
            all.put("content-type", contentType);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .build();
    }
}
