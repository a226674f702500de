package io.seatpilot.bench.checkin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.bench.load.AwsCallTimer;
import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Wraps an HTTP handler to record its own time per request of one route (what Lambda would bill) and, per request,
 * the time of its own DynamoDB calls ({@link AwsCallTimer}).
 */
public final class TimedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;
    private final Histogram micros;
    private final String routeKey;
    private final DynamoTimes dynamo;

    public TimedHandler(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate, Histogram micros, String routeKey) {
        this(delegate, micros, routeKey, new DynamoTimes());
    }

    public TimedHandler(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate, Histogram micros, String routeKey,
                        DynamoTimes dynamo) {
        this.delegate = delegate;
        this.micros = micros;
        this.routeKey = routeKey;
        this.dynamo = dynamo;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (!routeKey.equals(event.getRouteKey())) {
            return delegate.handleRequest(event, context);
        }
        long started = System.nanoTime();
        AwsCallTimer.Request calls = AwsCallTimer.open();
        try {
            return delegate.handleRequest(event, context);
        } finally {
            long handler = System.nanoTime() - started;
            calls.close();
            micros.recordValue(Math.max(1, handler / 1_000));
            dynamo.record(handler, calls);
        }
    }

    /**
     * Per request of the route: the time during which at least one DynamoDB call was in flight (calls made side by
     * side count once), the calls' durations added up, the rest of the handler's time, and handler ÷ DynamoDB time.
     */
    public static final class DynamoTimes {
        private final Histogram busy = new ConcurrentHistogram(60_000_000L, 3);
        private final Histogram sum = new ConcurrentHistogram(60_000_000L, 3);
        private final Histogram rest = new ConcurrentHistogram(60_000_000L, 3);
        private final Histogram calls = new ConcurrentHistogram(1_000L, 3);
        private final Histogram ratioThousandths = new ConcurrentHistogram(1_000_000L, 3);

        void record(long handlerNanos, AwsCallTimer.Request request) {
            long busyNanos = request.busyNanos("DynamoDb");
            busy.recordValue(Math.max(1, busyNanos / 1_000));
            sum.recordValue(Math.max(1, request.sumNanos("DynamoDb") / 1_000));
            rest.recordValue(Math.max(1, (handlerNanos - busyNanos) / 1_000));
            calls.recordValue(request.calls("DynamoDb").size());
            if (busyNanos > 0) {
                ratioThousandths.recordValue(Math.max(1, handlerNanos * 1_000 / busyNanos));
            }
        }

        public void reset() {
            busy.reset();
            sum.reset();
            rest.reset();
            calls.reset();
            ratioThousandths.reset();
        }

        public void print(PrintStream out, Histogram handler) {
            out.printf(Locale.ROOT, "  DynamoDB in flight (calls side by side once): p50=%.2f p95=%.2f ms%n", ms(busy, 50), ms(busy, 95));
            out.printf(Locale.ROOT, "  DynamoDB calls added up:                      p50=%.2f p95=%.2f ms (calls per request: mean %.2f)%n",
                    ms(sum, 50), ms(sum, 95), calls.getMean());
            out.printf(Locale.ROOT, "  handler time outside DynamoDB calls:          p50=%.2f p95=%.2f ms%n", ms(rest, 50), ms(rest, 95));
            out.printf(Locale.ROOT, "  handler / DynamoDB in flight: of p50s %.2f, of p95s %.2f; per request p50 %.2f p95 %.2f%n",
                    handler.getValueAtPercentile(50) / (double) busy.getValueAtPercentile(50),
                    handler.getValueAtPercentile(95) / (double) busy.getValueAtPercentile(95),
                    ratioThousandths.getValueAtPercentile(50) / 1000.0, ratioThousandths.getValueAtPercentile(95) / 1000.0);
            out.printf(Locale.ROOT, "  handler / DynamoDB added up:  of p50s %.2f, of p95s %.2f%n",
                    handler.getValueAtPercentile(50) / (double) sum.getValueAtPercentile(50),
                    handler.getValueAtPercentile(95) / (double) sum.getValueAtPercentile(95));
        }

        private static double ms(Histogram histogram, double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
