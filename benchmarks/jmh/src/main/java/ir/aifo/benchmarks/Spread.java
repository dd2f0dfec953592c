package ir.aifo.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The median of a few measurements and their range: how a figure is reported over rounds. */
record Spread(double median, double min, double max, int count) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /**
     * The spread of {@code values} divided by {@code reference} pair by pair, so that each ratio is taken
     * within one round (or run) and shares its noise; empty when either side was not measured.
     */
    static Spread ofRatios(@Nullable List<Double> values, @Nullable List<Double> reference) {
        List<Double> ratios = new ArrayList<>();
        if (values != null && reference != null) {
            for (int i = 0; i < Math.min(values.size(), reference.size()); i++) {
                ratios.add(values.get(i) / reference.get(i));
            }
        }
        return of(ratios);
    }

    boolean isEmpty() {
        return count == 0;
    }
}
