package io.seatpilot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.signing.RequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/** The simulator's HTTP calls: a planner's JWT calls and a kiosk's signed calls (SPEC §4), timed. */
final class SeatPilotClient {

    record Answer(int status, String body, long micros, long retryAfterSeconds) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    private final URI base;
    private final java.util.concurrent.atomic.AtomicLong rateLimited = new java.util.concurrent.atomic.AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    SeatPilotClient(URI base) {
        this.base = base;
    }

    /** A token from the local stack's issuer (local mode only; against AWS pass a Cognito token instead). */
    String localToken(String tenant, String... roles) {
        Answer answer = send("POST", "/local/tokens", Json.write(Map.of("tenant_id", tenant, "roles", roles)), Map.of());
        require(answer, 200, "POST /local/tokens");
        return answer.json().get("token").asText();
    }

    Answer withToken(String token, String method, String path, String contentType, String body) {
        return send(method, path, body, Map.of("authorization", "Bearer " + token, "content-type", contentType));
    }

    /**
     * As a kiosk does: a request refused with 429 waits for its Retry-After and is sent again, signed afresh (a new
     * nonce and time), at most three times. Speeding the door up far beyond real time meets SPEC §14's limits.
     */
    Answer signed(RequestSigner signer, String method, String path, String query, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            var headers = new java.util.HashMap<>(signer.sign(method, path, bytes));
            headers.put("content-type", "application/json");
            Answer answer = send(method, query == null ? path : path + "?" + query, method.equals("GET") ? null : body, headers);
            if (answer.status() != 429 || attempt == 3) {
                return answer;
            }
            rateLimited.incrementAndGet();
            try {
                Thread.sleep(Duration.ofSeconds(Math.min(10, answer.retryAfterSeconds())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    /** How many requests waited for a rate limit and were sent again. */
    long rateLimitedRetries() {
        return rateLimited.get();
    }

    private Answer send(String method, String path, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000,
                    response.headers().firstValue("retry-after").map(Long::parseLong).orElse(1L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void require(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
    }
}
