package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateLoader;
import io.seatpilot.local.template.TemplateResource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service-level alarms of template.yaml watch what the functions emit (names and the service dimension are
 * read from {@link SloMetrics}, the constants the functions publish under) with the right windows, burn factors
 * and metric math. Each window alarm's expression is evaluated here on known figures, so a wrong budget, a
 * dropped {@code FILL} or a ratio over the wrong denominator fails, not just a renamed string.
 */
class SloAlarmsTemplateTest {

    private static final Template TEMPLATE =
            TemplateLoader.load(Path.of(System.getProperty("seatpilot.repo.root", "../.."), "template.yaml"));
    private static final Map<String, Object> NOTIFY = Map.of("Fn::If",
            List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")), Map.of("Ref", "AWS::NoValue")));
    private static final Pattern RULE = Pattern.compile("ALARM\\(\"\\$\\{(\\w+)}\"\\) AND ALARM\\(\"\\$\\{(\\w+)}\"\\)");

    /** Google SRE workbook, multiwindow multi-burn-rate: (long window, short window, burn factor). */
    private record Burn(String composite, int longWindow, int shortWindow, double factor) {
    }

    private static final List<Burn> CHECKIN = List.of(new Burn("CheckinFastBurnAlarm", 3600, 300, 14.4),
            new Burn("CheckinSlowBurnAlarm", 21600, 1800, 6));
    private static final List<Burn> REJECTS = List.of(new Burn("RejectFastBurnAlarm", 3600, 300, 14.4),
            new Burn("RejectSlowBurnAlarm", 21600, 1800, 6));

    /** SPEC §1: server share of check-in ≤ 100 ms at p95, so 5 % of check-ins may exceed it. */
    private static final double CHECKIN_BUDGET_PCT = 5;
    /** SPEC §1: ingest rejects < 1 %. */
    private static final double REJECT_BUDGET_PCT = 1;

    @Test
    void checkInBurnRateAlarmsReadTheShareOfCheckInsOverTheServerTargetFromTheStageMetric() {
        for (Burn burn : CHECKIN) {
            for (int window : List.of(burn.longWindow(), burn.shortWindow())) {
                TemplateResource alarm = windowAlarm(burn, window);
                Map<String, String> ids = metricIds(alarm, window);
                assertEquals(Set.of(metric(SloMetrics.CHECKIN_TOTAL, SloMetrics.CHECKIN_SERVICE, "PR(:100)")),
                        Set.copyOf(ids.values()), alarm.logicalId());
                String within = ids.keySet().iterator().next();
                // 90 % of check-ins within 100 ms: 10 % bad of a 5 % budget is burning twice as fast as allowed
                assertEquals(10 / CHECKIN_BUDGET_PCT, evaluate(alarm, Map.of(within, 90.0)), 1e-9, alarm.logicalId());
                assertEquals(0, evaluate(alarm, Map.of(within, 100.0)), 1e-9, alarm.logicalId());
            }
        }
    }

    @Test
    void rejectBurnRateAlarmsCountWorkerQuarantinesAgainstEveryEnvelopeIngestSaw() {
        for (Burn burn : REJECTS) {
            for (int window : List.of(burn.longWindow(), burn.shortWindow())) {
                TemplateResource alarm = windowAlarm(burn, window);
                Map<String, String> ids = metricIds(alarm, window);
                String accepted = idOf(ids, metric(SloMetrics.ENVELOPES_ACCEPTED, SloMetrics.INGEST_SERVICE, "Sum"));
                String rejected = idOf(ids, metric(SloMetrics.ENVELOPES_REJECTED, SloMetrics.INGEST_SERVICE, "Sum"));
                String quarantined = idOf(ids, metric(SloMetrics.ENVELOPES_REJECTED, SloMetrics.INGEST_WORKER_SERVICE, "Sum"));
                assertEquals(3, ids.size(), alarm.logicalId());
                // 970 accepted + 10 refused at the door = 980 seen; 10 + 10 quarantined by the worker = 20 / 980
                double ratioPct = 100.0 * 20 / 980;
                assertEquals(ratioPct / REJECT_BUDGET_PCT, evaluate(alarm, Map.of(accepted, 970.0, rejected, 10.0,
                        quarantined, 10.0)), 1e-9, alarm.logicalId());
                // a window in which the worker refused nothing publishes no worker figure: FILL makes it 0, not no data
                assertEquals(100.0 * 10 / 980 / REJECT_BUDGET_PCT, evaluate(alarm, Map.of(accepted, 970.0, rejected, 10.0)),
                        1e-9, alarm.logicalId());
                assertEquals(0, evaluate(alarm, Map.of()), 1e-9, "a quiet window is no burn: " + alarm.logicalId());
            }
        }
    }

    @Test
    void onlyTheCompositeAlarmsNotifyAndEachWantsBothWindowsAtOnce() {
        for (Burn burn : concat(CHECKIN, REJECTS)) {
            TemplateResource composite = resource(burn.composite(), "AWS::CloudWatch::CompositeAlarm");
            assertEquals(NOTIFY, composite.properties().get("AlarmActions"), burn.composite());
            Matcher rule = rule(composite);
            for (String window : List.of(rule.group(1), rule.group(2))) {
                TemplateResource alarm = resource(window, "AWS::CloudWatch::Alarm");
                assertFalse(alarm.properties().containsKey("AlarmActions"), window + " pages only through " + burn.composite());
                assertEquals(burn.factor(), ((Number) alarm.properties().get("Threshold")).doubleValue(), 1e-9, window);
                assertEquals("GreaterThanThreshold", alarm.properties().get("ComparisonOperator"), window);
                assertEquals(1, alarm.properties().get("EvaluationPeriods"), window);
                assertEquals("notBreaching", alarm.properties().get("TreatMissingData"), window);
            }
        }
    }

    @Test
    void theSingleThresholdAlarmsOnCheckInLatencyAndRejectRatioAreGone() {
        List<String> stillThere = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").stream()
                .filter(a -> a.properties().containsKey("AlarmActions"))
                .filter(a -> SloMetrics.CHECKIN_LATENCY_P95.equals(a.properties().get("MetricName"))
                        || String.valueOf(a.properties().get("Metrics")).contains(SloMetrics.ENVELOPES_REJECTED))
                .map(TemplateResource::logicalId).toList();
        assertEquals(List.of(), stillThere);
    }

    @Test
    void thePercentileAlarmsWatchTheFiguresTheFunctionsPublish() {
        Map<String, Object> p95 = resource("CheckinServerP95Alarm", "AWS::CloudWatch::Alarm").properties();
        assertEquals(SloMetrics.CHECKIN_TOTAL, p95.get("MetricName"));
        assertEquals(dimension(SloMetrics.CHECKIN_SERVICE), p95.get("Dimensions"));
        assertEquals("p95", p95.get("ExtendedStatistic"));
        assertEquals(100, p95.get("Threshold"));
        assertEquals(NOTIFY, p95.get("AlarmActions"));

        Map<String, Object> doorToSeat = resource("DoorToSeatP50Alarm", "AWS::CloudWatch::Alarm").properties();
        assertEquals(SloMetrics.DOOR_TO_SEAT_P50, doorToSeat.get("MetricName"));
        assertEquals(dimension(SloMetrics.KPI_SERVICE), doorToSeat.get("Dimensions"));
        assertEquals(30, doorToSeat.get("Threshold"), "SPEC §1: door to seat p50 ≤ 30 s (the metric is in seconds)");
        assertEquals("Maximum", doorToSeat.get("Statistic"));
        assertEquals(NOTIFY, doorToSeat.get("AlarmActions"));
        assertEquals(SloMetrics.DOOR_TO_SEAT_P95, resource("DoorToSeatAlarm", "AWS::CloudWatch::Alarm").properties().get("MetricName"));
    }

    // ---- reading the template ----

    private static TemplateResource windowAlarm(Burn burn, int window) {
        Matcher rule = rule(resource(burn.composite(), "AWS::CloudWatch::CompositeAlarm"));
        List<TemplateResource> matching = List.of(rule.group(1), rule.group(2)).stream()
                .map(id -> resource(id, "AWS::CloudWatch::Alarm"))
                .filter(alarm -> metricStats(alarm).stream().allMatch(stat -> window == ((Number) stat.get("Period")).intValue()))
                .toList();
        assertEquals(1, matching.size(), burn.composite() + " has one alarm over " + window + " s");
        return matching.getFirst();
    }

    private static Matcher rule(TemplateResource composite) {
        Object rule = composite.properties().get("AlarmRule");
        assertTrue(rule instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String, composite.logicalId());
        Matcher matcher = RULE.matcher((String) ((Map<?, ?>) rule).get("Fn::Sub"));
        assertTrue(matcher.matches(), composite.logicalId() + " is ALARM(long) AND ALARM(short)");
        return matcher;
    }

    private static TemplateResource resource(String logicalId, String type) {
        TemplateResource resource = TEMPLATE.resource(logicalId).orElseThrow(() -> new AssertionError("no " + logicalId));
        assertEquals(type, resource.type(), logicalId);
        return resource;
    }

    /** Each fetched metric of a math alarm by its Id, as "name|service|stat"; every one over {@code window}. */
    private static Map<String, String> metricIds(TemplateResource alarm, int window) {
        Map<String, String> ids = new HashMap<>();
        for (Map<String, Object> query : queries(alarm)) {
            if (query.get("MetricStat") instanceof Map<?, ?> stat) {
                assertEquals(false, query.get("ReturnData"), alarm.logicalId());
                assertEquals(window, ((Number) stat.get("Period")).intValue(), alarm.logicalId());
                Map<?, ?> metric = (Map<?, ?>) stat.get("Metric");
                assertEquals(SloMetrics.NAMESPACE, metric.get("Namespace"), alarm.logicalId());
                List<?> dimensions = (List<?>) metric.get("Dimensions");
                assertEquals(1, dimensions.size(), "the functions emit the service dimension alone: " + alarm.logicalId());
                Map<?, ?> dimension = (Map<?, ?>) dimensions.getFirst();
                assertEquals(SloMetrics.DIMENSION, dimension.get("Name"));
                ids.put((String) query.get("Id"), metric(metric.get("MetricName"), dimension.get("Value"), stat.get("Stat")));
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> queries(TemplateResource alarm) {
        return (List<Map<String, Object>>) alarm.properties().get("Metrics");
    }

    private static List<Map<?, ?>> metricStats(TemplateResource alarm) {
        return queries(alarm).stream().filter(q -> q.get("MetricStat") instanceof Map<?, ?>)
                .map(q -> (Map<?, ?>) q.get("MetricStat")).collect(Collectors.toList());
    }

    private static String metric(Object name, Object service, Object stat) {
        return name + "|" + service + "|" + stat;
    }

    private static String idOf(Map<String, String> ids, String metric) {
        return ids.entrySet().stream().filter(e -> e.getValue().equals(metric)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no query reads " + metric + " in " + ids));
    }

    private static List<Map<String, Object>> dimension(String service) {
        return List.of(Map.of("Name", SloMetrics.DIMENSION, "Value", service));
    }

    private static List<Burn> concat(List<Burn> a, List<Burn> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The alarm's one returned expression, evaluated with these figures for its metrics (absent = no data). */
    private static double evaluate(TemplateResource alarm, Map<String, Double> figures) {
        List<Map<String, Object>> returned = queries(alarm).stream().filter(q -> Boolean.TRUE.equals(q.get("ReturnData"))).toList();
        assertEquals(1, returned.size(), alarm.logicalId() + " returns one series");
        return new MetricMath((String) returned.getFirst().get("Expression"), figures).value();
    }

    /**
     * The part of CloudWatch metric math these alarms use, on one data point: numbers, metric ids, + - * /,
     * comparisons, parentheses, {@code IF(c, a, b)} and {@code FILL(m, v)}. A metric without data is NaN, and
     * arithmetic on NaN stays NaN, as a missing point does in CloudWatch; only FILL replaces it.
     */
    private static final class MetricMath {

        private static final Pattern TOKEN = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|[A-Za-z_]\\w*|>=|<=|[-+*/(),<>])");
        private final List<String> tokens;
        private final Map<String, Double> figures;
        private int at;

        MetricMath(String expression, Map<String, Double> figures) {
            this.figures = figures;
            this.tokens = TOKEN.matcher(expression).results().map(m -> m.group(1)).toList();
            assertEquals(expression.replace(" ", ""), String.join("", tokens), "the expression is fully understood");
        }

        double value() {
            double value = comparison();
            assertEquals(tokens.size(), at, "the whole expression was read");
            return value;
        }

        private double comparison() {
            double left = sum();
            if (at < tokens.size() && Set.of(">", "<", ">=", "<=").contains(tokens.get(at))) {
                String op = tokens.get(at++);
                double right = sum();
                return switch (op) {
                    case ">" -> left > right ? 1 : 0;
                    case "<" -> left < right ? 1 : 0;
                    case ">=" -> left >= right ? 1 : 0;
                    default -> left <= right ? 1 : 0;
                };
            }
            return left;
        }

        private double sum() {
            double value = product();
            while (at < tokens.size() && (tokens.get(at).equals("+") || tokens.get(at).equals("-"))) {
                value = tokens.get(at++).equals("+") ? value + product() : value - product();
            }
            return value;
        }

        private double product() {
            double value = atom();
            while (at < tokens.size() && (tokens.get(at).equals("*") || tokens.get(at).equals("/"))) {
                value = tokens.get(at++).equals("*") ? value * atom() : value / atom();
            }
            return value;
        }

        private double atom() {
            String token = tokens.get(at++);
            if (token.equals("(")) {
                double value = comparison();
                expect(")");
                return value;
            }
            if (Character.isDigit(token.charAt(0))) {
                return Double.parseDouble(token);
            }
            if (token.equals("IF") || token.equals("FILL")) {
                expect("(");
                double first = comparison();
                expect(",");
                double second = comparison();
                if (token.equals("FILL")) {
                    expect(")");
                    return Double.isNaN(first) ? second : first;
                }
                expect(",");
                double third = comparison();
                expect(")");
                return first != 0 ? second : third;
            }
            return figures.getOrDefault(token, Double.NaN);
        }

        private void expect(String token) {
            assertEquals(token, tokens.get(at++));
        }
    }
}
