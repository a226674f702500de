package io.seatpilot.local.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.seatpilot.local.messaging.OutboxPages;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local HTTP API: routes from the template's HttpApi events, API Gateway's JWT authorizer, CORS and limits,
 * payload format 2.0 to and from the functions — plus the local-only token endpoints, the dashboard and the door
 * app with the {@code /config.json} they read, and the API's contracts under {@code /docs/}. It runs
 * on the JDK's own HTTP server with one virtual thread per request, so no web framework competes with the
 * Jetty and Pekko versions DynamoDB Local and ElasticMQ bring along.
 */
public final class HttpApiGateway implements AutoCloseable {

    /** API Gateway refuses larger request bodies with 413. */
    public static final int PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
    /** API Gateway's maximum integration timeout for HTTP APIs, the local default. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration integrationTimeout;
    private final RouteTable routes;
    private final Map<String, HttpApiDefinition> apis;
    private final LambdaInvoker invoker;
    private final LocalEndpoints localEndpoints;
    private final List<StaticFiles> sites;
    private final ContractDocs docs;
    private final SiteConfig siteConfig;
    private final List<Consumer<Exchange>> observers = new CopyOnWriteArrayList<>();
    private final HttpApiEventFactory events = new HttpApiEventFactory(JSON);
    private final Clock clock;
    private final StackLog log;

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) at once, so the endpoint is known before {@link #start()}.
     *
     * @param sites static folders by path prefix (e.g. {@code /ops/} → dashboard/), those the repository has
     * @param repositoryRoot where openapi.yaml and asyncapi.yaml are, served under /docs/
     * @param siteConfig the sites' /config.json, the local equivalent of the one bin/publish-sites uploads
     */
    public HttpApiGateway(int port, RouteTable routes, Map<String, HttpApiDefinition> apis, LambdaInvoker invoker,
                          LocalTokenIssuer tokens, OutboxPages outbox, Map<String, Path> sites, Path repositoryRoot, SiteConfig siteConfig, Clock clock,
                          Duration integrationTimeout, StackLog log) {
        this.integrationTimeout = integrationTimeout;
        this.routes = routes;
        this.apis = apis;
        this.invoker = invoker;
        this.localEndpoints = new LocalEndpoints(tokens, outbox, JSON, new HostedSignIn(tokens, siteConfig.userPoolClientId(), clock));
        // longest prefix first, so /door/lib/signer/ wins over /door/
        this.sites = sites.entrySet().stream().map(site -> new StaticFiles(site.getKey(), site.getValue()))
                .sorted(Comparator.comparingInt((StaticFiles site) -> site.prefix().length()).reversed()).toList();
        this.docs = new ContractDocs(repositoryRoot);
        this.siteConfig = siteConfig;
        this.clock = clock;
        this.log = log;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + " (is another stack running?)", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    public void start() {
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public RouteTable routes() {
        return routes;
    }

    /**
     * What one request to a template route was asked and answered, as the client saw it. The contract tests
     * replay these against openapi.yaml, so an answer the document does not describe fails the build.
     */
    public record Exchange(String routeKey, String method, String path, String query, Map<String, List<String>> requestHeaders,
                           byte[] requestBody, int status, String contentType, byte[] body) {
    }

    /** Calls {@code observer} with every exchange on a template route from now on (on the request's thread). */
    public void observe(Consumer<Exchange> observer) {
        observers.add(observer);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            GatewayResponse response;
            try {
                response = read(exchange).map(this::respond)
                        .orElseGet(() -> GatewayResponse.message(413, "Request Entity Too Large"));
            } catch (RuntimeException e) {
                log.error("The local gateway failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
                response = GatewayResponse.message(500, "Internal Server Error");
            }
            write(exchange, response);
        } catch (IOException e) {
            log.warn("Could not answer " + exchange.getRequestURI() + ": " + e.getMessage());
        }
    }

    private GatewayResponse respond(GatewayRequest request) {
        String path = request.rawPath();
        if (path.startsWith(LocalEndpoints.PREFIX)) {
            return localEndpoints.handle(request);
        }
        for (StaticFiles site : sites) {
            if (site.handles(path)) {
                return site.serve(request);
            }
        }
        if (ContractDocs.handles(path)) {
            return docs.serve(request);
        }
        if (path.equals(SiteConfig.PATH)) {
            return siteConfig.serve(request);
        }
        String requestId = requestId();
        Optional<CorsPolicy> cors = corsFor(path);
        Optional<String> origin = request.header("origin");
        if (cors.isPresent() && CorsPolicy.isPreflight(request)) {
            var preflight = new GatewayResponse(204, List.of(), new byte[0]);
            for (var header : cors.get().preflightHeaders(origin.orElseThrow()).entrySet()) {
                preflight = preflight.withHeader(header.getKey(), header.getValue());
            }
            return preflight.withHeader("apigw-requestid", requestId);
        }
        Optional<RouteMatch> match = routes.match(request.method(), path);
        GatewayResponse response = withCors(match.map(m -> invoke(request, m, requestId))
                .orElseGet(() -> GatewayResponse.message(404, "Not Found")), cors, origin).withHeader("apigw-requestid", requestId);
        match.ifPresent(m -> {
            var exchange = new Exchange(m.route().routeKey(), request.method(), path, request.rawQuery(), request.headers(),
                    request.body(), response.status(),
                    response.header("content-type").orElse(""), response.body());
            observers.forEach(observer -> observer.accept(exchange));
        });
        return response;
    }

    private GatewayResponse invoke(GatewayRequest request, RouteMatch match, String requestId) {
        Optional<JwtAuthorizer.Decision.Allowed> authorization = Optional.empty();
        if (match.route().auth() instanceof Route.RouteAuth.Jwt jwt) {
            switch (jwt.authorizer().authorize(request, jwt.scopes())) {
                case JwtAuthorizer.Decision.Unauthorized refused -> {
                    log.event("authorizer", Map.of("routeKey", match.route().routeKey(), "outcome", "unauthorized", "why", refused.why()));
                    return GatewayResponse.message(401, "Unauthorized");
                }
                case JwtAuthorizer.Decision.Forbidden refused -> {
                    log.event("authorizer", Map.of("routeKey", match.route().routeKey(), "outcome", "forbidden", "why", refused.why()));
                    return GatewayResponse.message(403, "Forbidden");
                }
                case JwtAuthorizer.Decision.Allowed allowed -> authorization = Optional.of(allowed);
            }
        }
        byte[] event;
        try {
            event = JSON.writeValueAsBytes(events.build(request, match, authorization, requestId, Instant.now(clock)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the HTTP API event", e);
        }
        InvocationResult result;
        try {
            result = invocationWithin(integrationTimeout, match, event);
        } catch (TimeoutException e) {
            log.warn(match.route().functionLogicalId() + " did not answer " + match.route().routeKey() + " within API Gateway's "
                    + integrationTimeout.toMillis() / 1000.0 + " s integration timeout: 503 (the invocation runs on to its own Timeout)");
            return GatewayResponse.message(503, "Service Unavailable");
        }
        return switch (result) {
            case InvocationResult.Failed failed when failed.errorType().equals("RequestTooLargeException") ->
                    GatewayResponse.message(413, "Request Entity Too Large");
            case InvocationResult.Failed failed -> GatewayResponse.message(500, "Internal Server Error");
            case InvocationResult.Succeeded succeeded -> {
                try {
                    yield GatewayResponse.fromLambda(succeeded.payload());
                } catch (GatewayResponse.MalformedResponse e) {
                    log.warn(match.route().functionLogicalId() + " answered " + match.route().routeKey()
                            + " with a response API Gateway cannot use (" + e.getMessage() + "): 500");
                    yield GatewayResponse.message(500, "Internal Server Error");
                }
            }
        };
    }

    /**
     * HTTP APIs wait at most 30 s for an integration and then answer 503, whatever the function's own Timeout: the
     * invocation itself goes on (and is stopped at its Timeout by the invoker), only the client stops waiting.
     */
    private InvocationResult invocationWithin(Duration limit, RouteMatch match, byte[] event) throws TimeoutException {
        var invocation = CompletableFuture.supplyAsync(() -> invoker.invoke(match.route().functionLogicalId(),
                match.route().routeKey(), event), executor);
        try {
            return invocation.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationResult.Failed("Runtime.Interrupted", "The local stack is shutting down");
        } catch (ExecutionException e) {
            throw new IllegalStateException("The invoker failed", e.getCause());
        }
    }

    /** With CORS configured, API Gateway's CORS headers replace whatever the function set. */
    private static GatewayResponse withCors(GatewayResponse response, Optional<CorsPolicy> cors, Optional<String> origin) {
        if (cors.isEmpty()) {
            return response;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(response.headers().stream()
                .filter(header -> !CorsPolicy.isCorsHeader(header.getKey())).toList());
        headers.addAll(cors.get().responseHeaders(origin).entrySet());
        return new GatewayResponse(response.status(), headers, response.body());
    }

    /** The CORS settings of the API that owns the path; with several APIs on one port, the first configured. */
    private Optional<CorsPolicy> corsFor(String path) {
        return routes.anyRouteFor(path).map(route -> apis.get(route.apiId())).flatMap(HttpApiDefinition::cors)
                .or(() -> apis.values().stream().flatMap(api -> api.cors().stream()).findFirst());
    }

    /** Reads the request; empty when the body is over API Gateway's limit. */
    private static Optional<GatewayRequest> read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(PAYLOAD_LIMIT_BYTES + 1);
        }
        if (body.length > PAYLOAD_LIMIT_BYTES) {
            return Optional.empty();
        }
        URI uri = exchange.getRequestURI();
        return Optional.of(new GatewayRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(),
                Optional.ofNullable(uri.getRawQuery()).orElse(""), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getLocalAddress().getPort(),
                exchange.getProtocol()));
    }

    private static void write(HttpExchange exchange, GatewayResponse response) throws IOException {
        response.headers().forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
        boolean bodyless = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), bodyless ? -1 : response.body().length);
        if (!bodyless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** Shaped like API Gateway's request ids (16 characters of base64). */
    private static String requestId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 16);
    }
}
