package io.seatpilot.bench.checkin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.HdrHistogram.Histogram;

/** Wraps an HTTP handler to record its own time per request of one route: what Lambda would bill. */
public final class TimedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;
    private final Histogram micros;
    private final String routeKey;

    public TimedHandler(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate, Histogram micros, String routeKey) {
        this.delegate = delegate;
        this.micros = micros;
        this.routeKey = routeKey;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        try {
            return delegate.handleRequest(event, context);
        } finally {
            if (routeKey.equals(event.getRouteKey())) {
                micros.recordValue(Math.max(1, (System.nanoTime() - started) / 1_000));
            }
        }
    }
}
