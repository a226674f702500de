package io.seatpilot.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

    /** The exact quantile in DDSketch's definition: the sample of rank floor(q · (n − 1)) in sorted order. */
    private static double exact(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static void assertWithinStatedError(double exact, double estimate) {
        assertTrue(Math.abs(estimate - exact) <= LatencySketch.RELATIVE_ACCURACY * exact,
                () -> "estimate " + estimate + " vs exact " + exact);
    }

    @Test
    void percentilesOfALongTailedLatencyDistributionAreWithinOnePercent() {
        SplittableRandom random = new SplittableRandom(7);
        double[] samples = new double[20_000];
        LatencySketch sketch = LatencySketch.empty();
        for (int i = 0; i < samples.length; i++) {
            // log-normal around 120 ms with a long tail, like door check-ins on a busy network
            samples[i] = Math.exp(Math.log(120) + 0.6 * gaussian(random));
            sketch.add(samples[i]);
        }
        Arrays.sort(samples);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            assertWithinStatedError(exact(samples, q), sketch.quantile(q).orElseThrow());
        }
        assertEquals(samples.length, sketch.count());
    }

    @Test
    void mergedMinutesAnswerLikeOneSketchOfAllSamplesAndSurviveEncoding() {
        LatencySketch first = LatencySketch.empty();
        LatencySketch second = LatencySketch.empty();
        double[] all = new double[1_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
            (i % 3 == 0 ? first : second).add(all[i]);
        }
        LatencySketch merged = LatencySketch.decode(first.encode()).mergedWith(LatencySketch.decode(second.encode()));
        assertWithinStatedError(exact(all, 0.5), merged.quantile(0.5).orElseThrow());
        assertWithinStatedError(exact(all, 0.95), merged.quantile(0.95).orElseThrow());
        assertEquals(1_000, merged.count());
        assertEquals(334, first.count(), "merging leaves its inputs as they were");
    }

    @Test
    void anEmptySketchHasNoPercentileRatherThanZero() {
        assertTrue(LatencySketch.empty().quantile(0.95).isEmpty());
        assertTrue(LatencySketch.decode(LatencySketch.empty().encode()).quantile(0.5).isEmpty());
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
