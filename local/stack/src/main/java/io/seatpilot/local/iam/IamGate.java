package io.seatpilot.local.iam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seatpilot.local.log.StackLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What stands between the functions and one stand-in, as IAM and the service front end stand between a Lambda
 * function and the real service: the caller is the execution role whose session keys signed the request, each
 * authorization the call needs is decided from the role's policies, and limits the stand-in does not enforce are
 * enforced here. A refusal is the service's own error (AccessDeniedException and friends, with AWS's wording);
 * everything else is forwarded unchanged. In {@link IamMode#REPORT} denials are logged and let through.
 */
public final class IamGate implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final AwsService service;
    private final URI upstream;
    private final FunctionCredentials callers;
    private final IamMode mode;
    private final StackLog log;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(executor).build();

    IamGate(AwsService service, URI upstream, FunctionCredentials callers, IamMode mode, StackLog log) {
        this.service = service;
        this.upstream = upstream;
        this.callers = callers;
        this.mode = mode;
        this.log = log;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for " + service.name(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            ProxiedCall call = new ProxiedCall(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                    exchange.getRequestBody().readAllBytes());
            Optional<Answer> refusal = refusal(call);
            if (refusal.isPresent()) {
                send(exchange, refusal.get().status(), refusal.get().headers(), refusal.get().body());
                return;
            }
            forward(exchange, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Answer> refusal(ProxiedCall call) {
        Optional<ExecutionRole> role = call.accessKeyId().flatMap(callers::roleOf);
        if (role.isEmpty()) {
            return deniedOrReported(call, "unrecognized access key " + call.accessKeyId().orElse("(none)"),
                    service.unrecognizedClient());
        }
        for (AuthorizationRequest request : service.authorizations(call)) {
            if (role.get().decide(request) instanceof Decision.Denied denied) {
                String message = role.get().denialMessage(denied);
                Optional<Answer> answer = deniedOrReported(call, message, service.accessDenied(message));
                if (answer.isPresent()) {
                    return answer;
                }
            }
        }
        return service.overLimit(call);
    }

    /** Denials are warnings even in a quiet stack: each one is a permission the template lacks (or a bug). */
    private Optional<Answer> deniedOrReported(ProxiedCall call, String message, Answer answer) {
        log.warn("IAM " + (mode == IamMode.ENFORCE ? "denied " : "would deny ") + service.name() + " "
                + call.operation().orElse(call.method() + " " + call.path()) + ": " + message);
        return mode == IamMode.ENFORCE ? Optional.of(answer) : Optional.empty();
    }

    private void forward(HttpExchange exchange, ProxiedCall call) throws IOException, InterruptedException {
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + call.path() + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                try {
                    values.forEach(value -> request.header(name, value));
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client sets itself; the stand-ins never need it
                }
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, String.join(",", values));
            }
        });
        send(exchange, response.statusCode(), headers, response.body());
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
