package ir.aifo.benchmarks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.MultisetStatistics;

/**
 * One fork of a benchmark whose sides take {@link Turns}: the figures of its baseline and of the
 * candidate compared with it, each made from the measured iterations that side ran, and the candidate's
 * cost as ratios within pairs of neighbouring iterations.
 *
 * <p>The ratios are the median over the pairs (iterations 1 and 2, 3 and 4, ...; each holds one
 * iteration of each side): a burst of the machine's other work slows one or two iterations, which
 * moves a pooled median but not the median of the pairs' ratios.
 *
 * @param benchmark {@code call} or {@code stream}
 * @param first the side of the fork's first iteration
 * @param latencyRatio candidate ÷ baseline median time per operation, the median over the pairs
 * @param cpuRatio candidate ÷ baseline CPU time per operation, the median over the pairs
 */
record TurnsComparison(
        String benchmark, String first, Side baseline, Side candidate, double latencyRatio, double cpuRatio) {

    /**
     * One side's figures.
     *
     * @param p50 the median time per operation over all the side's samples, µs (the last chunk's, for a
     *     stream)
     * @param p99 the 99th percentile over all the side's samples, µs
     * @param allocation bytes allocated per operation, all threads ({@code gc.alloc.rate.norm}, the median
     *     over the side's iterations)
     * @param cpu CPU time per operation of the whole JVM, ns
     * @param iterationP50s the median of each of the side's measured iterations, µs, in order
     */
    record Side(double p50, double p99, double allocation, double cpu, List<Double> iterationP50s) {}

    /**
     * Splits a fork's measured iterations by the sides the fork logged for them, one line per iteration
     * in order: {@code side cpuNanos operations}, the side {@code baselineSide} or {@code candidateSide}.
     */
    static TurnsComparison of(
            String benchmark,
            String first,
            String baselineSide,
            String candidateSide,
            RunResult result,
            List<String> sideLog) {
        List<IterationResult> iterations = new ArrayList<>();
        result.getBenchmarkResults().forEach(fork -> iterations.addAll(fork.getIterationResults()));
        if (iterations.size() != sideLog.size() || iterations.size() % 2 != 0) {
            throw new IllegalStateException("JMH measured " + iterations.size() + " iterations, the fork logged "
                    + sideLog.size() + " sides; both must be the same even number");
        }
        Accumulator baseline = new Accumulator();
        Accumulator candidate = new Accumulator();
        List<Double> latencyRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        Measured[] pair = new Measured[2];
        for (int i = 0; i < iterations.size(); i++) {
            String[] fields = sideLog.get(i).split(" ");
            Measured measured =
                    new Measured(fields[0], iterations.get(i), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
            if (measured.side().equals(baselineSide)) {
                baseline.add(measured);
            } else if (measured.side().equals(candidateSide)) {
                candidate.add(measured);
            } else {
                throw new IllegalStateException("unknown side in " + sideLog.get(i));
            }
            pair[i % 2] = measured;
            if (i % 2 == 1) {
                Measured baselineOne = pair[0].side().equals(baselineSide) ? pair[0] : pair[1];
                Measured candidateOne = baselineOne == pair[0] ? pair[1] : pair[0];
                if (!candidateOne.side().equals(candidateSide)) {
                    throw new IllegalStateException("iterations " + i + " and " + (i + 1) + " ran the same side");
                }
                latencyRatios.add(candidateOne.p50() / baselineOne.p50());
                cpuRatios.add(candidateOne.cpuPerOp() / baselineOne.cpuPerOp());
            }
        }
        return new TurnsComparison(
                benchmark,
                first,
                baseline.side(),
                candidate.side(),
                Spread.of(latencyRatios).median(),
                Spread.of(cpuRatios).median());
    }

    private record Measured(String side, IterationResult result, long cpuNanos, long ops) {

        double p50() {
            return result.getPrimaryResult().getStatistics().getPercentile(50);
        }

        double cpuPerOp() {
            return ops == 0 ? Double.NaN : (double) cpuNanos / ops;
        }
    }

    private static final class Accumulator {

        private final MultisetStatistics times = new MultisetStatistics();

        private final List<Double> allocations = new ArrayList<>();

        private final List<Double> iterationP50s = new ArrayList<>();

        private long cpuNanos;

        private long ops;

        void add(Measured iteration) {
            // Every sample of every iteration of the side, so that its percentiles are those of one distribution.
            Iterator<Map.Entry<Double, Long>> samples =
                    iteration.result().getPrimaryResult().getStatistics().getRawData();
            while (samples.hasNext()) {
                Map.Entry<Double, Long> sample = samples.next();
                times.addValue(sample.getKey(), sample.getValue());
            }
            Result<?> allocation = iteration.result().getSecondaryResults().get("gc.alloc.rate.norm");
            if (allocation != null) {
                allocations.add(allocation.getScore());
            }
            cpuNanos += iteration.cpuNanos();
            ops += iteration.ops();
            iterationP50s.add(iteration.p50());
        }

        Side side() {
            return new Side(
                    times.getPercentile(50),
                    times.getPercentile(99),
                    allocations.isEmpty() ? Double.NaN : Spread.of(allocations).median(),
                    ops == 0 ? Double.NaN : (double) cpuNanos / ops,
                    List.copyOf(iterationP50s));
        }
    }
}
