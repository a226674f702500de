package io.seatpilot.core.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client for a {@link Primer} that answers each request itself (HTTP 200) with the body its
 * {@link Answer} chooses from the request — the operation its {@code X-Amz-Target} names and its JSON body, so a
 * key record's read can be answered with a key record and a pass's read with a pass. Nothing leaves the process.
 * The SDK's {@code CannedResponseHttpClient} gives one body to every request, which is enough for calls that
 * ignore what they read, not for a function's stores, which decode it.
 */
public final class CannedAnswers implements SdkHttpClient {

    /** The JSON answer to one request of a JSON protocol (DynamoDB, KMS, SQS…). */
    @FunctionalInterface
    public interface Answer {

        /**
         * @param operation the operation, as the part of {@code X-Amz-Target} after its last dot ({@code GetItem})
         * @param request   the request's JSON body (an empty object when it has none, or is not JSON: a query
         *                  protocol's form)
         */
        String to(String operation, JsonNode request);
    }

    private final Answer answer;

    public CannedAnswers(Answer answer) {
        this.answer = answer;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                JsonNode body = Json.MAPPER.createObjectNode();
                boolean json = request.httpRequest().firstMatchingHeader("Content-Type").filter(type -> type.contains("json")).isPresent();
                if (json && request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        byte[] bytes = in.readAllBytes();
                        body = bytes.length == 0 ? body : Json.MAPPER.readTree(bytes);
                    }
                }
                byte[] answered = answer.to(target.substring(target.lastIndexOf('.') + 1), body).getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Length", Integer.toString(answered.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answered)))
                        .build();
            }

            @Override
            public void abort() {
                // answered at once: nothing to abort
            }
        };
    }

    @Override
    public String clientName() {
        return "SeatPilotCanned";
    }

    @Override
    public void close() {
        // holds nothing
    }
}
