package io.seatpilot.local.it;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A client of the local stack's HTTP API, as a kiosk or a person would call it. */
public final class Api {

    public record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        public String reason() {
            return json().path("reason").asText(null);
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Map<String, String> always;

    public Api(URI base) {
        this(base, Map.of());
    }

    /** A client that sends {@code always} with every request (the contract replay marks its own traffic with it). */
    public Api(URI base, Map<String, String> always) {
        this.base = base;
        this.always = Map.copyOf(always);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Answer send(String method, String path, byte[] body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        always.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer (a PDF, a gzipped list): status, headers and the bytes as received. */
    public record Bytes(int status, java.net.http.HttpHeaders headers, byte[] body) {
    }

    public Bytes bytes(String path, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code pathAndQuery} is sent as it is; the signature covers the path alone, without the query (SPEC §4). */
    public Answer signed(RequestSigner signer, String method, String pathAndQuery, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        var headers = new java.util.HashMap<>(signer.sign(method, path, bytes));
        headers.put("content-type", "application/json");
        return send(method, pathAndQuery, bytes, headers);
    }

    public Answer withToken(String token, String method, String path, Object body) {
        byte[] bytes = body == null ? null : (body instanceof String s ? s : Json.write(body)).getBytes(StandardCharsets.UTF_8);
        return send(method, path, bytes, Map.of("authorization", "Bearer " + token, "content-type", "application/json"));
    }

    public static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
