package io.seatpilot.core.kpi;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;

/**
 * Latencies in milliseconds as a DDSketch: every quantile it answers is within {@link #RELATIVE_ACCURACY} of the
 * exact value, and two sketches merge into the sketch of both sample sets. That is what lets minutes roll up into
 * hours and the whole event without keeping a single sample.
 */
public final class LatencySketch {

    /** 1 %: a 300 ms p95 target reads as 297–303 ms, and a minute of samples serialises to well under 1 KiB. */
    public static final double RELATIVE_ACCURACY = 0.01;

    private final DDSketch sketch;

    private LatencySketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    public static LatencySketch empty() {
        return new LatencySketch(new DDSketch(RELATIVE_ACCURACY));
    }

    /** @throws IllegalArgumentException when the bytes are not a sketch this class serialised */
    public static LatencySketch decode(byte[] bytes) {
        try {
            return new LatencySketch(DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a latency sketch", e);
        }
    }

    /** Only the rollup adds samples; everywhere else a sketch is a value. */
    void add(double millis) {
        sketch.accept(millis);
    }

    public LatencySketch mergedWith(LatencySketch other) {
        DDSketch merged = sketch.copy();
        merged.mergeWith(other.sketch);
        return new LatencySketch(merged);
    }

    public long count() {
        return Math.round(sketch.getCount());
    }

    /** Empty when there is no sample: "no data" must not read as 0 ms on a dashboard. */
    public OptionalDouble quantile(double q) {
        return sketch.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sketch.getValueAtQuantile(q));
    }

    /** The library's own compact encoding, index mapping included, so a stored minute decodes on its own. */
    public byte[] encode() {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(output, false);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return output.trimmedCopy();
    }

    @Override
    public String toString() {
        return "LatencySketch[count=" + count() + "]";
    }
}
