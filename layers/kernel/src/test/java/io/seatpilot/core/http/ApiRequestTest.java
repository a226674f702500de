package io.seatpilot.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §13/§14: a client's x-request-id is echoed only when it is a short token; otherwise the gateway's id is used. */
class ApiRequestTest {

    private static ApiRequest request(String requestIdHeader) {
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        context.setHttp(http);
        context.setRequestId("gw-id-1");
        return ApiRequest.from(APIGatewayV2HTTPEvent.builder().withRawPath("/v1/x").withRouteKey("GET /v1/x")
                .withHeaders(Map.of("X-Request-Id", requestIdHeader)).withRequestContext(context).build());
    }

    @Test
    void aWellFormedRequestIdIsKept() {
        assertEquals("c0ffee-42_ab.cd:ef", request("c0ffee-42_ab.cd:ef").requestId());
        String longest = "a".repeat(128);
        assertEquals(longest, request(longest).requestId());
    }

    @Test
    void anOverLongOrOddRequestIdIsReplacedByTheGatewaysOwn() {
        for (String bad : new String[] {"a".repeat(129), "x".repeat(100_000), "", "two words", "new\nline", "ümlaut",
                "<script>"}) {
            ApiRequest request = request(bad);
            assertNotEquals(bad, request.requestId());
            assertEquals("gw-id-1", request.requestId());
        }
    }
}
