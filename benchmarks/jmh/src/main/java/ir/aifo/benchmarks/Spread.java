package ir.aifo.benchmarks;

import java.util.Arrays;
import java.util.List;

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

    boolean isEmpty() {
        return count == 0;
    }
}
