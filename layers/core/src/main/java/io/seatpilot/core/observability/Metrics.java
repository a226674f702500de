package io.seatpilot.core.observability;

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
}
