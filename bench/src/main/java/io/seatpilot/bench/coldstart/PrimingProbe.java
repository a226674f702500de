package io.seatpilot.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.core.snapstart.LocalSnapshot;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.snapstart.RestoreCalls;
import io.seatpilot.core.snapstart.SnapStartHooks;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs in a fresh JVM on a function's deployable jar: initialises the handler inside a simulated SnapStart snapshot
 * (its checkpoint hooks, then its restore hooks, as the local stack runs them), with or without its primer, then
 * times its first request and {@code warm} more (after one untimed request per further device key, so every timed
 * request is warm). Prints one {@code PRIMING} line for {@link PrimingBenchmark}.
 *
 * <p>Device keys rotate because the rate limits (SPEC §14) would refuse 50 requests of one key within seconds.
 */
public final class PrimingProbe {

    private PrimingProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("env.")) {
                env.put(k.toString().substring(4), v.toString());
            }
        });
        // plain | primed | primed+restore | primed+restore+rounds (the rounds come as -Dseatpilot.priming.rounds)
        String mode = System.getProperty("probe.mode");
        boolean primed = mode.startsWith("primed");
        boolean restoreCalls = mode.contains("+restore");
        int warm = Integer.getInteger("probe.warm", 50);
        List<String[]> keys = Arrays.stream(System.getProperty("probe.keys").split(",")).map(k -> k.split(" ", 2)).toList();
        Supplier<APIGatewayV2HTTPEvent> requests = requests(System.getProperty("probe.kind"), keys);

        // the function's registrations, less its primer when the run measures without priming, and less its restore
        // calls unless the run measures them
        var snapshot = new LocalSnapshot(resource -> (primed || !(resource instanceof Priming))
                && (restoreCalls || !(resource instanceof RestoreCalls)));
        String id = "priming-probe";
        env.put(SnapStartHooks.LOCAL_CONTEXT, id);
        long initStarted = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
        try (var hosted = SnapStartHooks.host(id, snapshot)) {
            handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(System.getProperty("probe.handler"))
                    .getConstructor(Map.class).newInstance(env);
        }
        long initMs = (System.nanoTime() - initStarted) / 1_000_000;
        long checkpointStarted = System.nanoTime();
        snapshot.checkpoint();
        long checkpointMs = (System.nanoTime() - checkpointStarted) / 1_000_000;
        // what SnapStart bills as restore: the restore hooks (restore calls included) run before the first request
        long restoreStarted = System.nanoTime();
        snapshot.restore();
        double restoreMs = (System.nanoTime() - restoreStarted) / 1e6;

        Map<Integer, Integer> statuses = new TreeMap<>();
        var classes = ManagementFactory.getClassLoadingMXBean();
        long loadedBefore = classes.getTotalLoadedClassCount();
        // with -Xlog:class+load on stdout (PrimingBenchmark's tracing), these lines frame what the first request loads
        // AWS calls as the bench's interceptor counts them (it is on this class path): a restored environment
        // refills what the snapshot emptied (credentials, secrets, cached keys and event views) on its first request
        Map<String, Long> callsBefore = AwsCallCounter.calls();
        System.out.println("FIRST REQUEST BEGINS");
        AwsCallCounter.recordTimeline();
        double first = timed(handler, requests.get(), statuses);
        List<String> firstTimeline = AwsCallCounter.timeline();
        System.out.println("FIRST REQUEST ENDS");
        long loadedByFirst = classes.getTotalLoadedClassCount() - loadedBefore;
        Map<String, Long> firstCalls = difference(AwsCallCounter.calls(), callsBefore);
        // the other keys' first requests: the same calls as the very first, on connections and credentials it set up
        AwsCallCounter.recordTimeline();
        double second = timed(handler, requests.get(), statuses);
        List<String> secondTimeline = AwsCallCounter.timeline();
        for (int i = 2; i < keys.size(); i++) {
            timed(handler, requests.get(), statuses);
        }
        List<Double> warmTimes = new ArrayList<>();
        Map<String, Long> warmBefore = AwsCallCounter.calls();
        List<String> warmTimeline = List.of();
        for (int i = 0; i < warm; i++) {
            // the calls of one warm request in the middle, as the first request's are shown
            if (i == warm / 2) {
                AwsCallCounter.recordTimeline();
            }
            warmTimes.add(timed(handler, requests.get(), statuses));
            if (i == warm / 2) {
                warmTimeline = AwsCallCounter.timeline();
            }
        }
        double warmCalls = difference(AwsCallCounter.calls(), warmBefore).values().stream().mapToLong(Long::longValue).sum() / (double) warm;
        Collections.sort(warmTimes);
        // formatted first: a class the formatting loads would otherwise log its line into the middle of this one
        String result = String.format("PRIMING init_ms=%d hooks_ms=%d restore_ms=%.2f first_ms=%.2f second_ms=%.2f first_classes=%d first_calls=%d warm_median_ms=%.2f"
                        + " warm_calls=%.1f first_ops=%s first_timeline=%s second_timeline=%s warm_timeline=%s statuses=%s", initMs, checkpointMs, restoreMs, first, second, loadedByFirst,
                firstCalls.values().stream().mapToLong(Long::longValue).sum(), warmTimes.get(warmTimes.size() / 2), warmCalls,
                firstCalls.toString().replace(" ", ""), String.join(",", firstTimeline), String.join(",", secondTimeline),
                String.join(",", warmTimeline), statuses);
        System.out.println(result);
        System.exit(0);
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((call, n) -> {
            long made = n - before.getOrDefault(call, 0L);
            if (made > 0) {
                difference.put(call, made);
            }
        });
        return difference;
    }

    private static double timed(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                APIGatewayV2HTTPEvent request, Map<Integer, Integer> statuses) {
        long started = System.nanoTime();
        int status = handler.handleRequest(request, new ProbeContext("priming-probe")).getStatusCode();
        double ms = (System.nanoTime() - started) / 1e6;
        statuses.merge(status, 1, Integer::sum);
        return ms;
    }

    /** The handler's requests, each signed by the next key in turn: envelopes for ingest, pass scans for the door. */
    private static Supplier<APIGatewayV2HTTPEvent> requests(String kind, List<String[]> keys) {
        int[] next = {0};
        return switch (kind) {
            case "ingest" -> () -> {
                String[] key = keys.get(next[0]++ % keys.size());
                return ColdStartProbe.signedEvent(key[0], key[1]);
            };
            case "checkin" -> {
                String event = System.getProperty("probe.event");
                List<String> passes = List.of(System.getProperty("probe.passes").split(","));
                yield () -> {
                    int n = next[0]++;
                    String[] key = keys.get(n % keys.size());
                    return checkIn(new RequestSigner(key[0], key[1]), key[0].substring(0, key[0].indexOf('.')), event, passes.get(n));
                };
            }
            default -> throw new IllegalArgumentException("probe.kind: ingest | checkin");
        };
    }

    private static APIGatewayV2HTTPEvent checkIn(RequestSigner kiosk, String tenant, String event, String pass) {
        String path = "/v1/events/" + event + "/checkins";
        String body = "{\"checkin_id\":\"" + UUID.randomUUID() + "\",\"pass\":\"" + pass + "\",\"mode\":\"qr\",\"scanned_at\":"
                + System.currentTimeMillis() + ",\"tenant_id\":\"" + tenant + "\"}";
        var headers = new HashMap<>(kiosk.sign("POST", path, body));
        headers.put("content-type", "application/json");
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(path);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setStage("$default");
        context.setRequestId(UUID.randomUUID().toString());
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /v1/events/{eventId}/checkins")
                .withRawPath(path).withPathParameters(Map.of("eventId", event)).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).withRequestContext(context).build();
    }
}
