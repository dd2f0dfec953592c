package ir.aifo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link TurnsSuite}'s figures as Markdown: per benchmark a row per round and a row of medians
 * (min..max over the rounds), each ratio and difference taken within its round's JVM, and the verdicts
 * against the targets. A subclass says what was compared, in words, and sets the targets.
 */
abstract class TurnsTable {

    /** How a difference in allocation per operation is shown: in KB, or in bytes when it is small. */
    enum AllocationUnit {
        KB(1024, "%+.2f KB", "≤ %+.0f KB"),
        B(1, "%+,.0f B", "≤ %+,.0f B");

        private final double bytes;

        private final String differenceFormat;

        private final String targetFormat;

        AllocationUnit(double bytes, String differenceFormat, String targetFormat) {
            this.bytes = bytes;
            this.differenceFormat = differenceFormat;
            this.targetFormat = targetFormat;
        }

        String difference(double bytes) {
            return String.format(Locale.ROOT, differenceFormat, bytes / this.bytes);
        }

        String target(double bytes) {
            return String.format(Locale.ROOT, targetFormat, bytes / this.bytes);
        }
    }

    private final Map<String, List<TurnsComparison>> byBenchmark;

    private final String baseline;

    private final String candidate;

    private final boolean control;

    private final AllocationUnit allocationUnit;

    private final List<String> verdicts = new ArrayList<>();

    TurnsTable(
            Map<String, List<TurnsComparison>> byBenchmark,
            String baseline,
            String candidate,
            boolean control,
            AllocationUnit allocationUnit) {
        this.byBenchmark = byBenchmark;
        this.baseline = baseline;
        this.candidate = candidate;
        this.control = control;
        this.allocationUnit = allocationUnit;
    }

    /** What was compared and how, after the machine's line; a control run says so. */
    abstract void describe(StringBuilder out, BenchmarkSuite.Schedule schedule);

    /** The heading of the blocking call's table, without its colon. */
    abstract String callHeading();

    /** How the stream's heading ends, after "time to the last chunk, ". */
    abstract String streamHeading();

    /** The command of the A/A control run, which shows how far the ratios wander on this machine. */
    abstract String controlCommand();

    /** The candidate's call latency, at most this times the baseline's. */
    abstract double callLatencyTarget();

    /** The candidate's allocation per call, at most this many bytes more than the baseline's; NaN for none. */
    abstract double callAllocationTargetBytes();

    final boolean control() {
        return control;
    }

    final String render(String machine, BenchmarkSuite.Schedule schedule) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine).append('\n');
        describe(out, schedule);
        List<TurnsComparison> calls = byBenchmark.get("call");
        if (calls != null) {
            out.append('\n').append(callHeading()).append(":\n\n");
            table(out, calls, "µs", 1, 1e3, false);
            Spread latency = spread(calls, TurnsComparison::latencyRatio);
            Spread allocation = spread(calls, TurnsTable::allocationAdded);
            verdict(
                    "call latency (median)",
                    String.format(Locale.ROOT, "%s %.3f× %s", candidate, latency.median(), baseline),
                    String.format(Locale.ROOT, "≤ %.2f×", callLatencyTarget()),
                    latency.median() <= callLatencyTarget());
            if (!control) {
                // A few percent is within what a busy machine does to two identical sides.
                verdicts.add("the latency ratio's noise floor on this machine: " + controlCommand());
            }
            String added = candidate + " " + allocationUnit.difference(allocation.median());
            double target = callAllocationTargetBytes();
            if (Double.isNaN(target)) {
                verdicts.add("allocation per call: " + added + "; no target set");
            } else {
                verdict("allocation per call", added, allocationUnit.target(target), allocation.median() <= target);
            }
        }
        List<TurnsComparison> streams = byBenchmark.get("stream");
        if (streams != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%n%,d-chunk stream, time to the last chunk, %s:%n%n",
                    ChatBenchmark.STREAM_CHUNKS,
                    streamHeading()));
            table(out, streams, "ms", 1e3, 1e6, true);
            Spread latency = spread(streams, TurnsComparison::latencyRatio);
            verdicts.add(String.format(
                    Locale.ROOT,
                    "stream, last chunk (median): %s %.3f× %s; no target set",
                    candidate,
                    latency.median(),
                    baseline));
        }
        if (!verdicts.isEmpty()) {
            out.append('\n');
            verdicts.forEach(verdict -> out.append("- ").append(verdict).append('\n'));
        }
        return out.toString();
    }

    // Times come in µs and are divided by timeDivisor, CPU time comes in ns and is divided by cpuDivisor.
    private void table(
            StringBuilder out,
            List<TurnsComparison> rounds,
            String unit,
            double timeDivisor,
            double cpuDivisor,
            boolean perChunk) {
        String ratio = candidate + " ÷ " + baseline;
        List<Column> columns = new ArrayList<>(List.of(
                new Column(
                        "median, " + baseline + ", " + unit,
                        Kind.VALUE,
                        c -> c.baseline().p50() / timeDivisor),
                new Column(
                        "median, " + candidate + ", " + unit,
                        Kind.VALUE,
                        c -> c.candidate().p50() / timeDivisor),
                new Column(ratio + " (pairs)", Kind.RATIO, TurnsComparison::latencyRatio),
                new Column(
                        "p99 " + ratio,
                        Kind.RATIO,
                        c -> c.candidate().p99() / c.baseline().p99()),
                new Column(
                        "allocation, " + baseline + ", KB",
                        Kind.VALUE,
                        c -> c.baseline().allocation() / 1024),
                new Column(
                        "allocation, " + candidate + ", KB",
                        Kind.VALUE,
                        c -> c.candidate().allocation() / 1024),
                new Column(
                        candidate + " − " + baseline + ", " + allocationUnit.name(),
                        Kind.DIFFERENCE,
                        c -> allocationAdded(c) / allocationUnit.bytes)));
        if (perChunk) {
            columns.add(
                    new Column("per chunk, B", Kind.DIFFERENCE, c -> allocationAdded(c) / ChatBenchmark.STREAM_CHUNKS));
        }
        columns.add(new Column(
                "CPU, " + baseline + ", " + unit, Kind.VALUE, c -> c.baseline().cpu() / cpuDivisor));
        columns.add(new Column(
                "CPU, " + candidate + ", " + unit,
                Kind.VALUE,
                c -> c.candidate().cpu() / cpuDivisor));
        columns.add(new Column("CPU " + ratio + " (pairs)", Kind.RATIO, TurnsComparison::cpuRatio));
        out.append("| round (first side) |");
        columns.forEach(column -> out.append(' ').append(column.title()).append(" |"));
        out.append("\n|---|");
        columns.forEach(column -> out.append("---|"));
        out.append('\n');
        for (int round = 0; round < rounds.size(); round++) {
            TurnsComparison comparison = rounds.get(round);
            out.append("| ")
                    .append(round + 1)
                    .append(" (")
                    .append(comparison.first())
                    .append(") |");
            for (Column column : columns) {
                out.append(' ')
                        .append(column.format(column.figure().applyAsDouble(comparison)))
                        .append(" |");
            }
            out.append('\n');
        }
        out.append("| **median (min..max)** |");
        for (Column column : columns) {
            Spread spread = spread(rounds, column.figure());
            out.append(' ')
                    .append(column.format(spread.median()))
                    .append(" (")
                    .append(column.bare(spread.min()))
                    .append("..")
                    .append(column.bare(spread.max()))
                    .append(") |");
        }
        out.append('\n');
    }

    private static double allocationAdded(TurnsComparison comparison) {
        return comparison.candidate().allocation() - comparison.baseline().allocation();
    }

    private void verdict(String figure, String value, String target, boolean met) {
        verdicts.add(figure + ": " + value + ", target " + target + ": " + (met ? "met" : "MISSED"));
    }

    private static Spread spread(List<TurnsComparison> rounds, ToDoubleFunction<TurnsComparison> figure) {
        return Spread.of(rounds.stream().map(figure::applyAsDouble).toList());
    }

    private enum Kind {
        VALUE,
        RATIO,
        DIFFERENCE
    }

    private record Column(String title, Kind kind, ToDoubleFunction<TurnsComparison> figure) {

        String format(double value) {
            return kind == Kind.RATIO ? bare(value) + "×" : bare(value);
        }

        /** The value without the ratio's sign, as the bounds of a range are written. */
        String bare(double value) {
            if (kind == Kind.RATIO) {
                return String.format(Locale.ROOT, "%.3f", value);
            }
            String sign = kind == Kind.DIFFERENCE ? "+" : "";
            double size = Math.abs(value);
            if (size >= 100) {
                return String.format(Locale.ROOT, "%" + sign + ",.0f", value);
            }
            if (size >= 10) {
                return String.format(Locale.ROOT, "%" + sign + ".1f", value);
            }
            return String.format(Locale.ROOT, "%" + sign + ".2f", value);
        }
    }
}
