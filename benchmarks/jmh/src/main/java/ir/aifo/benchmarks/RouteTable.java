package ir.aifo.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link RouteSuite}'s figures (see {@link TurnsTable}) with the product's targets for the router
 * against the direct call.
 */
final class RouteTable extends TurnsTable {

    /** Latency through a route whose first target answers, at most this times the direct call's. */
    static final double CALL_LATENCY_TARGET = 1.03;

    /** Allocation per call through such a route, at most this many bytes more than the direct call's. */
    static final double CALL_ALLOCATION_TARGET_BYTES = 2048;

    private final int messages;

    RouteTable(Map<String, List<TurnsComparison>> byBenchmark, boolean control, int messages) {
        super(byBenchmark, RouteBenchmark.DIRECT, RouteBenchmark.ROUTED, control, AllocationUnit.KB);
        this.messages = messages;
    }

    @Override
    void describe(StringBuilder out, BenchmarkSuite.Schedule schedule) {
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
        if (control()) {
            out.append("A/A control: the side labelled routed calls the model directly as well; its ratios show"
                    + " the harness's own noise, not the router's cost.\n");
        }
    }

    @Override
    String callHeading() {
        return control()
                ? "Blocking call, A/A (both sides direct)"
                : "Blocking call, through a route whose first target answers";
    }

    @Override
    String streamHeading() {
        return control() ? "A/A (both sides direct)" : "through the same route";
    }

    @Override
    String controlCommand() {
        return "benchmarks/run.sh --route --control";
    }

    @Override
    double callLatencyTarget() {
        return CALL_LATENCY_TARGET;
    }

    @Override
    double callAllocationTargetBytes() {
        return CALL_ALLOCATION_TARGET_BYTES;
    }
}
