package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.lambda.FunctionOutput;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The check-in function's own service-level figures, read as CloudWatch would: EMF lines in what the function
 * printed while serving the request (the local stack's captured output), with the namespace, dimension and names
 * template.yaml's alarms watch. Tests run one after another on the shared stack, so what the function printed
 * between a mark and the answer is this test's.
 */
class CheckinStageMetricsTest {

    private static final String FUNCTION = "CheckinFunction";
    private static final Set<String> STAGES = Set.of(SloMetrics.CHECKIN_PARSE, SloMetrics.CHECKIN_LOOKUP,
            SloMetrics.CHECKIN_PERSIST, SloMetrics.CHECKIN_TOTAL);

    private final LocalStack stack = SharedStack.get();

    @Test
    void anAnsweredCheckinPublishesItsFourStagesInOneEmfDocumentAndARefusalPublishesNone() {
        Door door = Door.setUp("stages");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        long mark = output().written();

        Api.Answer created = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
        assertEquals(201, created.status(), created.body());

        List<JsonNode> documents = emf(SloMetrics.CHECKIN_TOTAL, mark);
        assertEquals(1, documents.size(), "one document for the check-in");
        JsonNode document = documents.getLast();
        JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(SloMetrics.NAMESPACE, directive.get("Namespace").asText());
        assertEquals("[[\"" + SloMetrics.DIMENSION + "\"]]", directive.get("Dimensions").toString(),
                "the service dimension alone, as the alarms ask");
        assertEquals(SloMetrics.CHECKIN_SERVICE, document.get(SloMetrics.DIMENSION).asText());
        Set<String> names = new TreeSet<>();
        for (JsonNode metric : directive.get("Metrics")) {
            names.add(metric.get("Name").asText());
            assertEquals("Milliseconds", metric.get("Unit").asText());
        }
        assertEquals(new TreeSet<>(STAGES), names);
        double parts = 0;
        for (String stage : STAGES) {
            assertTrue(document.get(stage).asDouble() >= 0, stage);
            parts += stage.equals(SloMetrics.CHECKIN_TOTAL) ? 0 : document.get(stage).asDouble();
        }
        assertTrue(document.get(SloMetrics.CHECKIN_TOTAL).asDouble() >= parts, "the stages lie within the total: " + document);
        assertTrue(document.get(SloMetrics.CHECKIN_PERSIST).asDouble() > 0, "a first check-in writes: " + document);

        long refusedMark = output().written();
        Api.Answer refused = door.checkIn(kiosk, Door.byPass("unknown-pass-token", System.currentTimeMillis()));
        assertEquals(404, refused.status(), refused.body());
        assertEquals(List.of(), emf(SloMetrics.CHECKIN_TOTAL, refusedMark), "a refusal stops early and would look fast");
    }

    @Test
    void aNameSearchPublishesWhetherItFoundAnybody() {
        Door door = Door.setUp("search-metric");
        String staff = door.tenant.token("staff");
        long mark = output().written();

        Api.Answer found = door.tenant.api().withToken(staff, "GET", "/v1/events/" + Door.EVENT + "/guests/search?q=Ruiz", null);
        Api.Answer nobody = door.tenant.api().withToken(staff, "GET", "/v1/events/" + Door.EVENT + "/guests/search?q=Zyxwv", null);
        assertEquals(200, found.status(), found.body());
        assertTrue(found.json().get("guests").size() > 0, found.body());
        assertEquals(0, nobody.json().get("guests").size(), nobody.body());

        List<Double> shares = emf(SloMetrics.NAME_SEARCH_NOT_FOUND, mark).stream()
                .map(d -> d.get(SloMetrics.NAME_SEARCH_NOT_FOUND).asDouble()).toList();
        assertEquals(List.of(0.0, 1.0), shares, "its Average is the not-found rate");
    }

    private FunctionOutput output() {
        return stack.functionOutput(FUNCTION);
    }

    /** The check-in function's EMF documents printed after {@code mark} that carry {@code metric}, oldest first. */
    private List<JsonNode> emf(String metric, long mark) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : output().since(mark)) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                JsonNode document = Json.read(line);
                if (document.has(metric)) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
