package io.seatpilot.local;

import io.seatpilot.local.aws.DynamoDbLocalServer;
import io.seatpilot.local.aws.ElasticMqServer;
import io.seatpilot.local.aws.FreePort;
import io.seatpilot.local.aws.LocalAccount;
import io.seatpilot.local.aws.LocalAwsClients;
import io.seatpilot.local.aws.LocalResources;
import io.seatpilot.local.aws.ResourceProvisioner;
import io.seatpilot.local.events.ScheduleRunner;
import io.seatpilot.local.events.SqsEventSourcePoller;
import io.seatpilot.local.events.StreamEventSourcePoller;
import io.seatpilot.local.gateway.HttpApiDefinition;
import io.seatpilot.local.gateway.HttpApiGateway;
import io.seatpilot.local.gateway.JwtAuthorizer;
import io.seatpilot.local.gateway.LocalEndpoints;
import io.seatpilot.local.gateway.LocalTokenIssuer;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.gateway.RouteTable;
import io.seatpilot.local.gateway.SiteConfig;
import io.seatpilot.local.gateway.TokenRequest;
import io.seatpilot.local.iam.ApiStage;
import io.seatpilot.local.iam.ExecutionRoles;
import io.seatpilot.local.iam.FunctionCredentials;
import io.seatpilot.local.iam.IamGates;
import io.seatpilot.local.iam.IamMode;
import io.seatpilot.local.kms.LocalKmsServer;
import io.seatpilot.local.lambda.FunctionCatalog;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.lambda.FunctionOutput;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.lambda.StackEndpoints;
import io.seatpilot.local.messaging.LocalMessagingServer;
import io.seatpilot.local.messaging.Outbox;
import io.seatpilot.local.messaging.OutboxPages;
import io.seatpilot.local.log.StackLog;
import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateLoader;
import io.seatpilot.local.websocket.LocalWebSocketApi;
import io.seatpilot.local.websocket.WebSocketApiDefinition;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The whole of SeatPilot in one JVM, without Docker or an AWS account: DynamoDB Local (with Streams), ElasticMQ
 * for SQS, the local KMS, and a local HTTP API that reads template.yaml — the single definition of routes,
 * functions, tables, queues and environment — and runs the functions it names.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
 *     String token = stack.issueToken("acme", List.of("admin"), List.of());
 *     // call stack.httpEndpoint() with "authorization: Bearer " + token
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private final Builder settings;
    private final StackLog log;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Path templatePath;
    /** Static folders by path prefix: the dashboard, the door app and clients/js (the signer, the sign-in) under each one's lib/signer/. */
    private Map<String, Path> sites = Map.of();
    private DynamoDbLocalServer dynamo;
    private ElasticMqServer sqs;
    private LocalKmsServer kms;
    private LocalMessagingServer messaging;
    private LocalAwsClients clients;
    private LocalResources resources;
    private LambdaInvoker invoker;
    private LocalTokenIssuer tokens;
    private HttpApiGateway gateway;
    private ScheduleRunner schedules;
    private LocalWebSocketApi webSocket;
    private int wsPort;
    private Optional<DemoDeviceKey> demoKey = Optional.empty();
    private boolean started;
    private boolean closed;

    private LocalStack(Builder settings) {
        this.settings = settings;
        this.log = new StackLog(settings.quiet);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code bin/seatpilot-local} runs this; see {@link LaunchOptions} for the flags. */
    public static void main(String[] args) throws InterruptedException {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        LocalStack stack = options.apply(builder()).build();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            e.printStackTrace(System.err);
            // The emulators that did start hold non-daemon threads; the shutdown hook closes them.
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    /** Starts everything, prints where (unless quiet) and returns this stack; close it to stop everything. */
    public synchronized LocalStack start() {
        if (started) {
            throw new IllegalStateException("A LocalStack starts once");
        }
        started = true;
        long begin = System.nanoTime();
        try {
            Path root = settings.repositoryRoot.orElseGet(RepositoryRoot::locate).toAbsolutePath().normalize();
            templatePath = settings.template.orElse(root.resolve(RepositoryRoot.TEMPLATE)).toAbsolutePath();
            sites = staticSites(root);
            Template template = TemplateLoader.load(templatePath);
            startStandIns();
            resources = new LocalResources(template);
            var resolver = new IntrinsicResolver(template, settings.parameters, resources);
            new ResourceProvisioner(clients, resources, resolver, settings.visibilityTimeoutOverrideSeconds).provisionAll(template);

            // Functions are told where the gateway publishes the token keys before the gateway exists.
            int httpPort = settings.httpPort == 0 ? FreePort.pick() : settings.httpPort;
            wsPort = settings.wsPort == 0 ? FreePort.pick() : settings.wsPort;
            webSocket = closeLater(new LocalWebSocketApi(log));
            FunctionCredentials credentials = closeLater(new FunctionCredentials(Clock.systemUTC()));
            IamGates gates = closeLater(new IamGates(new IamGates.Upstreams(dynamo.endpoint(), sqs.endpoint(), kms.endpoint(),
                    webSocket.managementEndpoint(), messaging.endpoint()), clients, () -> webSocket.served().map(api -> new ApiStage(
                    resources.ref(api.logicalId()), api.stage())), messaging::identityArnFor, credentials, settings.iam, log));
            List<FunctionDefinition> functions = FunctionCatalog.read(template, resolver, resources, new StackEndpoints(
                    gates.dynamoDb(), gates.sqs(), gates.kms(), gates.connections(),
                    URI.create("http://127.0.0.1:" + httpPort + LocalEndpoints.COGNITO_IDP), gates.ses(), gates.sns()),
                    credentials::environmentFor);
            ExecutionRoles.read(template, resolver, functions).values().forEach(credentials::bind);
            invoker = closeLater(new LambdaInvoker(functions, settings.handlerOverrides, log));
            serveWebSocketApi(WebSocketApiDefinition.read(template, resolver, functions));

            Map<String, HttpApiDefinition> apis = HttpApiDefinition.read(template, resolver, functions);
            tokens = tokenIssuer(apis);
            RouteTable routes = RouteTable.of(functions, apis,
                    authorizer -> new JwtAuthorizer(authorizer, tokens.publicKeys(), Clock.systemUTC()));
            var siteConfig = new SiteConfig(wsPort, LocalAccount.REGION, refIfAny(template, "UserPool"),
                    refIfAny(template, "UserPoolClient"), tokens.issuer());
            gateway = closeLater(new HttpApiGateway(httpPort, routes, apis, invoker, tokens, new OutboxPages(messaging.outbox()), sites, root,
                    siteConfig, Clock.systemUTC(), settings.integrationTimeout, log));

            startEventSources(functions);
            gateway.start();
            Duration startup = Duration.ofNanos(System.nanoTime() - begin);
            DemoKeyIssuer.Result demo = settings.demoDeviceKey ? new DemoKeyIssuer(httpEndpoint(), tokens).issue()
                    : new DemoKeyIssuer.Result(Optional.empty(), "not requested");
            demoKey = demo.key();
            if (settings.demoDeviceKey && demoKey.isEmpty()) {
                log.warn("No demo device key: " + demo.problem());
            }
            StartupBanner.lines(this, startup, demoKey, demo.problem()).forEach(log::info);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The stand-ins start in parallel: together they take about as long as the slowest one. */
    private void startStandIns() {
        var dynamoStart = CompletableFuture.supplyAsync(DynamoDbLocalServer::start);
        var sqsStart = CompletableFuture.supplyAsync(ElasticMqServer::start);
        var kmsStart = CompletableFuture.supplyAsync(() -> LocalKmsServer.builder().build().start());
        var messagingStart = CompletableFuture.supplyAsync(() -> LocalMessagingServer.builder().build().start());
        List<CompletableFuture<? extends AutoCloseable>> starts = List.of(dynamoStart, sqsStart, kmsStart, messagingStart);
        CompletableFuture.allOf(dynamoStart, sqsStart, kmsStart, messagingStart).exceptionally(failure -> null).join();
        // Whatever did start must be stopped again, even when another stand-in failed.
        starts.stream().filter(start -> !start.isCompletedExceptionally()).forEach(start -> closeLater(start.join()));
        try {
            dynamo = dynamoStart.join();
            sqs = sqsStart.join();
            kms = kmsStart.join();
            messaging = messagingStart.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        clients = closeLater(new LocalAwsClients(dynamo.endpoint(), sqs.endpoint(), kms.endpoint(), messaging.endpoint()));
    }

    /**
     * The issuer of local tokens takes the issuer and audience of the template's default JWT authorizer, so its
     * tokens pass the gateway exactly as Cognito's would; without any JWT authorizer it names itself.
     */
    private LocalTokenIssuer tokenIssuer(Map<String, HttpApiDefinition> apis) {
        return apis.values().stream()
                .flatMap(api -> api.defaultAuthorizer().map(api.authorizers()::get).or(() -> api.authorizers().values().stream().findFirst()).stream())
                .findFirst()
                .map(authorizer -> new LocalTokenIssuer(authorizer.issuer(),
                        authorizer.audiences().isEmpty() ? "seatpilot-local" : authorizer.audiences().getFirst()))
                .orElseGet(() -> new LocalTokenIssuer("https://seatpilot.local/issuer", "seatpilot-local"));
    }

    /** One WebSocket port serves one API; a template with more gets the first served and a warning. */
    private void serveWebSocketApi(List<WebSocketApiDefinition> apis) {
        if (apis.isEmpty()) {
            return;
        }
        apis.stream().skip(1).forEach(api -> log.warn("WebSocket API " + api.logicalId()
                + " is not served: the local stack serves one WebSocket API, " + apis.getFirst().logicalId()));
        closeLater(webSocket.serve(wsPort, apis.getFirst(), invoker, Clock.systemUTC()));
    }

    private void startEventSources(List<FunctionDefinition> functions) {
        for (FunctionDefinition function : functions) {
            for (FunctionEvent.Sqs mapping : function.events(FunctionEvent.Sqs.class)) {
                if (mapping.enabled()) {
                    String queueUrl = resources.queueUrlForArn(mapping.queueArn()).orElseThrow(() -> new TemplateException(
                            function.logicalId() + "." + mapping.name() + " reads " + mapping.queueArn() + ", which is no queue of the template"));
                    closeLater(new SqsEventSourcePoller(function, mapping, queueUrl, clients.sqs(), invoker, log)).start();
                }
            }
            for (FunctionEvent.DynamoDb mapping : function.events(FunctionEvent.DynamoDb.class)) {
                if (mapping.enabled()) {
                    closeLater(new StreamEventSourcePoller(function, mapping, clients.dynamoDbStreams(), invoker, log)).start();
                }
            }
            function.events(FunctionEvent.Unsupported.class).forEach(event -> log.warn(function.logicalId() + "."
                    + event.name() + ": event type " + event.type() + " is not emulated by the local stack"));
        }
        schedules = closeLater(new ScheduleRunner(invoker, Clock.systemUTC(), log));
        if (settings.automaticSchedules) {
            schedules.start();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        synchronized (running) {
            running.push(resource);
        }
        return resource;
    }

    /** Stops everything that started, newest first; safe to call more than once. */
    @Override
    public void close() {
        synchronized (running) {
            if (closed) {
                return;
            }
            closed = true;
            while (!running.isEmpty()) {
                AutoCloseable resource = running.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    log.warn("Stopping " + resource.getClass().getSimpleName() + " failed: " + e);
                }
            }
        }
    }

    // ---- endpoints ----

    public URI httpEndpoint() {
        return gateway.endpoint();
    }

    /** The WebSocket API (SPEC §11); nothing listens there when the template has no WebSocket API. */
    public URI wsEndpoint() {
        return URI.create("ws://127.0.0.1:" + wsPort);
    }

    /** The WebSocket API's {@code @connections} management endpoint, which the functions are given. */
    public URI connectionsEndpoint() {
        return webSocket.managementEndpoint();
    }

    /** The WebSocket API served on {@link #wsEndpoint()}, if the template has one. */
    public Optional<WebSocketApiDefinition> webSocketApi() {
        return webSocket.served();
    }

    public URI dynamoEndpoint() {
        return dynamo.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public URI kmsEndpoint() {
        return kms.endpoint();
    }

    /** The SES v2 and SNS stand-in (both protocols on one port); functions reach it through IAM gates. */
    public URI messagingEndpoint() {
        return messaging.endpoint();
    }

    /** Every e-mail and SMS the local SES and SNS accepted (also {@code GET /local/outbox}). */
    public Outbox outbox() {
        return messaging.outbox();
    }

    public Optional<URI> dashboardEndpoint() {
        return site("/ops/");
    }

    public Optional<URI> doorEndpoint() {
        return site("/door/");
    }

    private Optional<URI> site(String prefix) {
        return sites.containsKey(prefix) ? Optional.of(URI.create(httpEndpoint() + prefix)) : Optional.empty();
    }

    /** A resource's Ref, or "" when the template (a test's own, say) has no such resource. */
    private String refIfAny(Template template, String logicalId) {
        return template.resource(logicalId).isPresent() ? resources.ref(logicalId) : "";
    }

    private static Map<String, Path> staticSites(Path root) {
        Map<String, Path> sites = new LinkedHashMap<>();
        Map.of("/ops/", "dashboard", "/door/", "door", "/door/lib/signer/", "clients/js", "/ops/lib/signer/", "clients/js").forEach((prefix, folder) -> {
            if (Files.isDirectory(root.resolve(folder))) {
                sites.put(prefix, root.resolve(folder));
            }
        });
        return Map.copyOf(sites);
    }

    /** The API's contracts (openapi.yaml, asyncapi.yaml) and a page rendering them. */
    public URI docsEndpoint() {
        return URI.create(httpEndpoint() + "/docs/");
    }

    /** Calls {@code observer} with every request to a template route and its answer (the contract replay records them). */
    public void observeHttp(Consumer<HttpApiGateway.Exchange> observer) {
        gateway.observe(observer);
    }

    // ---- resources ----

    /** What CloudFormation's Ref of the resource gives locally (table name, queue URL, key id, …). */
    public String physicalId(String logicalId) {
        return resources.ref(logicalId);
    }

    /** What Fn::GetAtt gives locally, e.g. {@code attribute("DataTable", "StreamArn")}. */
    public String attribute(String logicalId, String attribute) {
        return resources.getAtt(logicalId, attribute);
    }

    public String queueUrl(String logicalId) {
        return requireProvisioned(logicalId, io.seatpilot.local.aws.ResourceTypes.SQS_QUEUE);
    }

    public String tableName(String logicalId) {
        return requireProvisioned(logicalId, io.seatpilot.local.aws.ResourceTypes.DYNAMODB_TABLE);
    }

    private String requireProvisioned(String logicalId, String type) {
        return resources.provisioned(logicalId).filter(r -> r.type().equals(type))
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " is not a " + type + " of the template"))
                .physicalId();
    }

    /** Whether the IAM gates refuse what a function's policies do not allow, or only log it. */
    public IamMode iamMode() {
        return settings.iam;
    }

    /** SDK clients of the stand-ins, shared by the stack; do not close them. */
    public LocalAwsClients awsClients() {
        return clients;
    }

    LocalResources resources() {
        return resources;
    }

    Path templatePath() {
        return templatePath;
    }

    // ---- identity ----

    /** A valid token for the tenant with these roles; {@code events} empty means all of the tenant's events. */
    public String issueToken(String tenantId, List<String> roles, List<String> events) {
        return tokens.issue(TokenRequest.of(tenantId, roles).withEvents(events));
    }

    /** The issuer, for tokens tests need in other shapes: expired, foreign-signed, other subjects or lifetimes. */
    public LocalTokenIssuer tokens() {
        return tokens;
    }

    /** The key issued at start-up through POST /v1/devices, or null when that failed or was turned off. */
    public DemoDeviceKey demoDeviceKey() {
        return demoKey.orElse(null);
    }

    // ---- functions ----

    public Collection<FunctionDefinition> functions() {
        return invoker.functions();
    }

    public FunctionDefinition function(String logicalId) {
        return invoker.function(logicalId);
    }

    /** Why a function cannot run (its handler did not load), if it cannot. */
    public Optional<String> unavailable(String logicalId) {
        return invoker.unavailable(logicalId);
    }

    public List<Route> routes() {
        return gateway.routes().routes();
    }

    /** Invocations of the function since start, whatever their trigger and outcome. */
    public long functionInvocationCount(String logicalId) {
        return invoker.invocationCount(logicalId);
    }

    /**
     * The last lines the function printed on stdout while serving invocations — in Lambda its log stream, where
     * CloudWatch reads the EMF metrics from (printed when metrics are enabled and {@code AWS_EMF_ENVIRONMENT=Local}).
     */
    public FunctionOutput functionOutput(String logicalId) {
        return invoker.output(logicalId);
    }

    /** Fires the function's Schedule events now and returns how the invocations ended. */
    public List<InvocationResult> triggerSchedule(String functionLogicalId) {
        return schedules.trigger(functionLogicalId);
    }

    /** Configuration of a {@link LocalStack}; everything has a default that runs the repository's template. */
    public static final class Builder {
        private int httpPort = 3000;
        private int wsPort = 3001;
        private Optional<Path> repositoryRoot = Optional.empty();
        private Optional<Path> template = Optional.empty();
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private Optional<Integer> visibilityTimeoutOverrideSeconds = Optional.empty();
        private boolean quiet;
        private boolean demoDeviceKey = true;
        private boolean automaticSchedules = true;
        private IamMode iam = IamMode.ENFORCE;
        private Duration integrationTimeout = HttpApiGateway.INTEGRATION_TIMEOUT;
        private final Map<String, Function<Map<String, String>, Object>> handlerOverrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** 0 picks a free port (tests); default 3000. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** 0 picks a free port (tests); default 3001. */
        public Builder wsPort(int port) {
            this.wsPort = port;
            return this;
        }

        /** Where template.yaml and dashboard/ are; default: found upwards from the working directory. */
        public Builder repositoryRoot(Path root) {
            this.repositoryRoot = Optional.of(root);
            return this;
        }

        /** Another template than the repository's (tests with their own functions). */
        public Builder template(Path file) {
            this.template = Optional.of(file);
            return this;
        }

        /** Overrides a template parameter's default, e.g. {@code parameter("Stage", "local")}. */
        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        /** Replaces every queue's VisibilityTimeout, so failed messages come back within seconds in tests. */
        public Builder visibilityTimeoutOverrideSeconds(int seconds) {
            this.visibilityTimeoutOverrideSeconds = Optional.of(seconds);
            return this;
        }

        /**
         * How long the HTTP API waits for a function before answering 503: API Gateway's 30 s by default (its
         * maximum); tests shorten it to see the refusal without waiting half a minute.
         */
        public Builder integrationTimeout(Duration timeout) {
            this.integrationTimeout = timeout;
            return this;
        }

        /** Whether calls a function's execution role does not allow are refused (default) or only logged. */
        public Builder iam(IamMode mode) {
            this.iam = mode;
            return this;
        }

        /** Prints only warnings and errors: no banner, no invocation lines. */
        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        /** Whether to issue the demo device key at start-up (default true). */
        public Builder demoDeviceKey(boolean issue) {
            this.demoDeviceKey = issue;
            return this;
        }

        /** Whether Schedule events fire by the clock (default true); {@link #triggerSchedule} works either way. */
        public Builder automaticSchedules(boolean automatic) {
            this.automaticSchedules = automatic;
            return this;
        }

        /**
         * Creates the function's handler with this factory (given the function's environment) instead of the
         * template's Handler class, e.g. to inject a fault; the template's handler method is still the one called.
         */
        public Builder handlerOverride(String functionLogicalId, Function<Map<String, String>, Object> factory) {
            handlerOverrides.put(functionLogicalId, factory);
            return this;
        }

        public LocalStack build() {
            return new LocalStack(this);
        }
    }
}
