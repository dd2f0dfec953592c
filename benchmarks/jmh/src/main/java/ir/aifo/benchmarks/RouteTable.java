package ir.aifo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link RouteSuite}'s figures as Markdown: per benchmark a row per round and a row of medians
 * (min..max over the rounds), each ratio and difference taken within its round's JVM, and the product's
 * targets for the router against the direct call.
 */
final class RouteTable {

    /** Latency through a route whose first target answers, at most this times the direct call's. */
    static final double CALL_LATENCY_TARGET = 1.03;

    /** Allocation per call through such a route, at most this many bytes more than the direct call's. */
    static final double CALL_ALLOCATION_TARGET_BYTES = 2048;

    private final Map<String, List<RouteComparison>> byBenchmark;

    private final boolean control;

    private final int messages;

    private final List<String> verdicts = new ArrayList<>();

    RouteTable(Map<String, List<RouteComparison>> byBenchmark, boolean control, int messages) {
        this.byBenchmark = byBenchmark;
        this.control = control;
        this.messages = messages;
    }

    String render(String machine, BenchmarkSuite.Schedule schedule) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "Route overhead: %d rounds, a forked JVM per benchmark per round in which one AifoChatModel is"
                        + " called directly and through an AifoRouter over it, the two sides taking turns"
                        + " (A B B A A B..., %d warm-up + %d measured iterations of %d s, half of each per side, A"
                        + " alternating by round) against one loopback stub hub. A ratio \"(pairs)\" is the median"
                        + " over the round's pairs of neighbouring iterations (one of each side) of routed ÷ direct;"
                        + " a cell is the median (min..max) over the rounds.%n",
                schedule.rounds(),
                schedule.warmup(),
                schedule.iterations(),
                schedule.seconds()));
        out.append(
                messages == 1
                        ? "Each request is the question alone (one user message).\n"
                        : "Each request is a chat history of " + messages + " messages ending with the question.\n");
        if (control) {
            out.append("A/A control: the side labelled routed calls the model directly as well; its ratios show"
                    + " the harness's own noise, not the router's cost.\n");
        }
        List<RouteComparison> calls = byBenchmark.get("call");
        if (calls != null) {
            out.append(
                    control
                            ? "\nBlocking call, A/A (both sides direct):\n\n"
                            : "\nBlocking call, through a route whose first target answers:\n\n");
            table(out, calls, "µs", 1, 1e3, false);
            Spread latency = spread(calls, RouteComparison::latencyRatio);
            Spread allocation =
                    spread(calls, c -> c.routed().allocation() - c.direct().allocation());
            verdict(
                    "call latency (median)",
                    String.format(Locale.ROOT, "routed %.3f× direct", latency.median()),
                    String.format(Locale.ROOT, "≤ %.2f×", CALL_LATENCY_TARGET),
                    latency.median() <= CALL_LATENCY_TARGET);
            if (!control) {
                // A few percent is within what a busy machine does to two identical sides.
                verdicts.add("the latency ratio's noise floor on this machine: benchmarks/run.sh --route --control");
            }
            verdict(
                    "allocation per call",
                    String.format(Locale.ROOT, "routed %+.2f KB", allocation.median() / 1024),
                    String.format(Locale.ROOT, "≤ %+.0f KB", CALL_ALLOCATION_TARGET_BYTES / 1024),
                    allocation.median() <= CALL_ALLOCATION_TARGET_BYTES);
        }
        List<RouteComparison> streams = byBenchmark.get("stream");
        if (streams != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%n%,d-chunk stream, time to the last chunk, %s:%n%n",
                    ChatBenchmark.STREAM_CHUNKS,
                    control ? "A/A (both sides direct)" : "through the same route"));
            table(out, streams, "ms", 1e3, 1e6, true);
            Spread latency = spread(streams, RouteComparison::latencyRatio);
            verdicts.add(String.format(
                    Locale.ROOT, "stream, last chunk (median): routed %.3f× direct; no target set", latency.median()));
        }
        if (!verdicts.isEmpty()) {
            out.append('\n');
            verdicts.forEach(verdict -> out.append("- ").append(verdict).append('\n'));
        }
        return out.toString();
    }

    // Times come in µs and are divided by timeDivisor, CPU time comes in ns and is divided by cpuDivisor.
    private static void table(
            StringBuilder out,
            List<RouteComparison> rounds,
            String unit,
            double timeDivisor,
            double cpuDivisor,
            boolean perChunk) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column(
                        "median, direct, " + unit, Kind.VALUE, c -> c.direct().p50() / timeDivisor),
                new Column(
                        "median, routed, " + unit, Kind.VALUE, c -> c.routed().p50() / timeDivisor),
                new Column("routed ÷ direct (pairs)", Kind.RATIO, RouteComparison::latencyRatio),
                new Column(
                        "p99 routed ÷ direct",
                        Kind.RATIO,
                        c -> c.routed().p99() / c.direct().p99()),
                new Column("allocation, direct, KB", Kind.VALUE, c -> c.direct().allocation() / 1024),
                new Column("allocation, routed, KB", Kind.VALUE, c -> c.routed().allocation() / 1024),
                new Column("routed − direct, KB", Kind.DIFFERENCE, c -> allocationAdded(c) / 1024)));
        if (perChunk) {
            columns.add(
                    new Column("per chunk, B", Kind.DIFFERENCE, c -> allocationAdded(c) / ChatBenchmark.STREAM_CHUNKS));
        }
        columns.add(
                new Column("CPU, direct, " + unit, Kind.VALUE, c -> c.direct().cpu() / cpuDivisor));
        columns.add(
                new Column("CPU, routed, " + unit, Kind.VALUE, c -> c.routed().cpu() / cpuDivisor));
        columns.add(new Column("CPU routed ÷ direct (pairs)", Kind.RATIO, RouteComparison::cpuRatio));
        out.append("| round (first side) |");
        columns.forEach(column -> out.append(' ').append(column.title()).append(" |"));
        out.append("\n|---|");
        columns.forEach(column -> out.append("---|"));
        out.append('\n');
        for (int round = 0; round < rounds.size(); round++) {
            RouteComparison comparison = rounds.get(round);
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

    private static double allocationAdded(RouteComparison comparison) {
        return comparison.routed().allocation() - comparison.direct().allocation();
    }

    private void verdict(String figure, String value, String target, boolean met) {
        verdicts.add(figure + ": " + value + ", target " + target + ": " + (met ? "met" : "MISSED"));
    }

    private static Spread spread(List<RouteComparison> rounds, ToDoubleFunction<RouteComparison> figure) {
        return Spread.of(rounds.stream().map(figure::applyAsDouble).toList());
    }

    private enum Kind {
        VALUE,
        RATIO,
        DIFFERENCE
    }

    private record Column(String title, Kind kind, ToDoubleFunction<RouteComparison> figure) {

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
