package ir.aifo.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link RouteBenchmark} in rounds (see {@link TurnsSuite}) and prints the router's cost against the
 * direct call: latency, allocation and CPU time per operation, each ratio taken within one JVM (see
 * {@link RouteTable}).
 *
 * <p>Options: those of {@link TurnsSuite}, where {@code --control} makes the "routed" side call the model
 * directly too, and {@code --messages N} (1: each request's messages, a chat history before the question
 * when more).
 */
public final class RouteSuite extends TurnsSuite {

    private final int messages;

    private RouteSuite(Map<String, String> options, int messages) {
        super(
                options,
                "route",
                RouteBenchmark.class,
                RouteBenchmark.DIRECT,
                RouteBenchmark.ROUTED,
                outDir(options, messages));
        this.messages = messages;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkSuite.options(args);
        new RouteSuite(options, Integer.parseInt(options.getOrDefault("messages", "1"))).run();
    }

    // A run with a chat history keeps its figures beside the main run's, not over them.
    private static Path outDir(Map<String, String> options, int messages) {
        Path dir = Path.of(options.getOrDefault("out", "target/route-results"));
        return messages == 1 ? dir : dir.resolve("messages-" + messages);
    }

    @Override
    Map<String, String> params() {
        return Map.of("routedSide", control() ? "direct" : "router", "messages", String.valueOf(messages));
    }

    @Override
    TurnsTable table(Map<String, List<TurnsComparison>> comparisons) {
        return new RouteTable(comparisons, control(), messages);
    }
}
