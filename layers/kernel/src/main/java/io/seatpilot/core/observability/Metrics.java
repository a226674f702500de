package io.seatpilot.core.observability;

import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Counters in CloudWatch EMF form through Powertools' functional API. Each call flushes its own EMF document
 * with explicit dimensions, so functions sharing one JVM (the local stack) never mix each other's metrics.
 */
public final class Metrics {

    private final String namespace;
    private final String service;

    public Metrics(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
    }

    public void count(String metric, long value) {
        if (value > 0) {
            MetricsFactory.getMetricsInstance().flushSingleMetric(metric, value, MetricUnit.COUNT, namespace,
                    DimensionSet.of("service", service));
        }
    }

    public void count(String metric, long value, String dimension, String dimensionValue) {
        if (value > 0) {
            MetricsFactory.getMetricsInstance().flushSingleMetric(metric, value, MetricUnit.COUNT, namespace,
                    DimensionSet.of("service", service, dimension, dimensionValue));
        }
    }

    public void seconds(String metric, double value) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, value, MetricUnit.SECONDS, namespace,
                DimensionSet.of("service", service));
    }

    public void milliseconds(String metric, double value) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, value, MetricUnit.MILLISECONDS, namespace,
                DimensionSet.of("service", service));
    }

    public void percent(String metric, double value) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, value, MetricUnit.PERCENT, namespace,
                DimensionSet.of("service", service));
    }

    /** Several durations of one occurrence (e.g. a request's stages) in one EMF document: one log line, not one each. */
    public void milliseconds(Map<String, Double> figures) {
        MetricsFactory.getMetricsInstance().flushMetrics(emf -> {
            emf.setNamespace(namespace);
            emf.setDefaultDimensions(DimensionSet.of("service", service));
            figures.forEach((metric, value) -> emf.addMetric(metric, value, MetricUnit.MILLISECONDS));
        });
    }

    /**
     * 1 when {@code yes}, else 0, so that the metric's Average over any period is the share of occurrences that
     * were "yes" (a ratio CloudWatch computes without metric math). Unlike {@link #count}, a 0 is published.
     */
    public void share(String metric, boolean yes) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, yes ? 1 : 0, MetricUnit.NONE, namespace,
                DimensionSet.of("service", service));
    }
}
