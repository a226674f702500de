package io.seatpilot.ingest;

import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.devices.DeviceWiring;
import io.seatpilot.core.telemetry.TelemetryWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.telemetry.EnvelopeValidator;
import io.seatpilot.core.telemetry.IngestBody;
import io.seatpilot.core.telemetry.IngestOutcome;
import io.seatpilot.core.telemetry.TelemetryIngestion;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** {@code POST /v1/events}: verify the device's signature, then hand the body to the ingest rules. */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final SignedRequestVerifier verifier;
    private final TelemetryIngestion ingestion;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final HttpRoutes routes;

    public IngestHandler() {
        this(System.getenv());
    }

    public IngestHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        DeviceWiring devices = new DeviceWiring(platform);
        TelemetryWiring telemetry = new TelemetryWiring(platform, devices);
        telemetry.prefetchSignedIngest();
        this.verifier = devices.signedRequestVerifier();
        this.ingestion = telemetry.telemetryIngestion();
        this.clock = platform.clock();
        this.rateLimiter = platform.rateLimiter();
        this.routes = HttpRoutes.builder().route("POST /v1/events", this::postEvents).build();
        var restoreCalls = platform.restoreCalls();
        devices.restoreCall(restoreCalls);
        telemetry.restoreCall(restoreCalls);
        Priming.register(platform.hooks(), new IngestPrimer(this, platform.env(), telemetry.eventSchemas()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse postEvents(ApiRequest request) {
        return accept(request, verifier, rateLimiter, ingestion, clock);
    }

    /**
     * A kiosk's upload answered — the handler's route, and its SnapStart primer's on offline clients, so the snapshot
     * holds the very path a restored instance's first upload runs. SPEC §3: telemetry is sent by kiosks only; a
     * person's token is no credential here. A lease this instance must take from the store (after a restore, every
     * key's first upload) is taken while the nonce is written: both wait for the signature, and an upload over the
     * limit is refused before anything is queued.
     */
    static ApiResponse accept(ApiRequest request, SignedRequestVerifier verifier, RateLimiter rateLimiter,
                              TelemetryIngestion ingestion, Clock clock) {
        int limit = IngestBody.looksLikeBatch(request.body()) ? IngestBody.MAX_BATCH_BYTES : EnvelopeValidator.MAX_ENVELOPE_BYTES;
        var admission = new AtomicReference<RateLimiter.Admission>();
        var device = Callers.device(request, limit, verifier,
                kiosk -> admission.set(rateLimiter.acquireBeside(RateLimit.INGEST, kiosk)), Role.KIOSK);
        admission.get().await();
        return switch (ingestion.ingest(device, request.body(), request.requestId(), clock.millis())) {
            case IngestOutcome.Accepted accepted -> ApiResponse.json(202, Map.of("status", "accepted", "accepted", accepted.accepted()));
            case IngestOutcome.PerEnvelope perEnvelope -> ApiResponse.json(207, Map.of("results", perEnvelope.results()));
            case IngestOutcome.Refused refused -> ApiResponse.problem(refused.problem());
        };
    }
}
