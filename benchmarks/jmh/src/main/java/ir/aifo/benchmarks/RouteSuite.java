package ir.aifo.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link RouteBenchmark} in rounds against one {@link StubHub} in this JVM, a forked JVM per
 * benchmark per round, and prints the router's cost against the direct call: latency, allocation and
 * CPU time per operation, each ratio taken within one JVM (see {@link RouteTable}).
 *
 * <p>Options: {@code --rounds N} (5), {@code --warmup N} (12), {@code --iterations N} (12, even: half
 * per side), {@code --seconds N} (1, per iteration), {@code --benchmarks call,stream}, {@code --out DIR},
 * {@code --jfr} (a flight recording of each fork's measurement), {@code --control} (an A/A run: the
 * "routed" side calls the model directly too, which shows the harness's own noise floor), {@code
 * --messages N} (1: each request's messages, a chat history before the question when more).
 */
public final class RouteSuite {

    private final Map<String, String> options;

    private final BenchmarkSuite.Schedule schedule;

    private final Path out;

    private final boolean control;

    private final int messages;

    private final Map<String, List<RouteComparison>> comparisons = new LinkedHashMap<>();

    private RouteSuite(Map<String, String> options) {
        this.options = options;
        this.schedule = new BenchmarkSuite.Schedule(
                Integer.parseInt(options.getOrDefault("rounds", "5")),
                Integer.parseInt(options.getOrDefault("warmup", "12")),
                Integer.parseInt(options.getOrDefault("iterations", "12")),
                Integer.parseInt(options.getOrDefault("seconds", "1")));
        if (schedule.iterations() % 2 != 0 || schedule.warmup() % 2 != 0) {
            throw new IllegalArgumentException("--warmup and --iterations must be even: the two sides take turns");
        }
        this.control = options.containsKey("control");
        // A control run, or one with a chat history, keeps its figures beside the main run's, not over them.
        this.messages = Integer.parseInt(options.getOrDefault("messages", "1"));
        Path dir = Path.of(options.getOrDefault("out", "target/route-results"));
        dir = messages == 1 ? dir : dir.resolve("messages-" + messages);
        this.out = control ? dir.resolve("control") : dir;
    }

    public static void main(String[] args) throws Exception {
        new RouteSuite(BenchmarkSuite.options(args)).run();
    }

    private void run() throws RunnerException, IOException {
        List<String> benchmarks =
                List.of(options.getOrDefault("benchmarks", "call,stream").split(","));
        Files.createDirectories(out);
        String machine = MachineDescription.describe();
        long started = System.nanoTime();
        try (StubHub hub = StubHub.start(0, ChatBenchmark.STREAM_CHUNKS)) {
            System.out.println("stub hub on " + hub.baseUrl() + "; " + schedule.rounds() + " rounds of " + benchmarks
                    + ", direct and " + (control ? "direct again (A/A control)" : "routed")
                    + " taking turns in each fork");
            for (int round = 0; round < schedule.rounds(); round++) {
                // The side that goes first alternates, so that neither always runs right after warm-up.
                String first = round % 2 == 0 ? RouteBenchmark.DIRECT : RouteBenchmark.ROUTED;
                for (String benchmark : benchmarks) {
                    RouteComparison comparison = measure(hub, benchmark, first, round);
                    comparisons
                            .computeIfAbsent(benchmark, b -> new ArrayList<>())
                            .add(comparison);
                    print(comparison, round);
                    // Written as the run goes, so that an interrupted run keeps what it measured.
                    writeValues();
                }
            }
        }
        String table = new RouteTable(comparisons, control, messages).render(machine, schedule);
        Files.writeString(out.resolve("table.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.printf(
                Locale.ROOT,
                "route benchmarks took %.1f min; table in %s%n",
                (System.nanoTime() - started) / 60e9,
                out.resolve("table.md"));
    }

    private RouteComparison measure(StubHub hub, String benchmark, String first, int round)
            throws RunnerException, IOException {
        Path sides = out.resolve("sides.txt");
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(RouteBenchmark.class.getName() + "." + benchmark) + "$")
                .param("first", first)
                .param("routedSide", control ? "direct" : "router")
                .param("messages", String.valueOf(messages))
                .forks(1)
                .warmupIterations(schedule.warmup())
                .warmupTime(TimeValue.seconds(schedule.seconds()))
                .measurementIterations(schedule.iterations())
                .measurementTime(TimeValue.seconds(schedule.seconds()))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(
                        "-Xms1g",
                        "-Xmx1g",
                        "-Djmh.shutdownTimeout=2",
                        "-D" + ChatBenchmark.HUB_PROPERTY + "=" + hub.baseUrl(),
                        "-D" + RouteBenchmark.SIDES_FILE_PROPERTY + "=" + sides.toAbsolutePath())
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (options.containsKey("jfr")) {
            Path dir = out.resolve("jfr").resolve("route-" + benchmark + "-round" + (round + 1));
            builder.addProfiler("jfr", "dir=" + dir.toAbsolutePath());
        }
        RunResult result = BenchmarkSuite.runOnce(builder, "route." + benchmark, first + " first", round);
        List<String> sideLog = Files.readAllLines(sides);
        Files.delete(sides);
        return RouteComparison.of(benchmark, first, result, sideLog);
    }

    private static void print(RouteComparison comparison, int round) {
        boolean stream = comparison.benchmark().equals("stream");
        double time = stream ? 1e3 : 1;
        double cpu = stream ? 1e6 : 1e3;
        String unit = stream ? "ms" : "µs";
        RouteComparison.Side direct = comparison.direct();
        RouteComparison.Side routed = comparison.routed();
        System.out.printf(
                Locale.ROOT,
                "round %d  %-6s (%s first)  median %.2f → %.2f %s (%.3f×), allocation %.2f → %.2f KB (%+.0f B),"
                        + " CPU %.2f → %.2f %s (%.3f×)%n",
                round + 1,
                comparison.benchmark(),
                comparison.first(),
                direct.p50() / time,
                routed.p50() / time,
                unit,
                comparison.latencyRatio(),
                direct.allocation() / 1024,
                routed.allocation() / 1024,
                routed.allocation() - direct.allocation(),
                direct.cpu() / cpu,
                routed.cpu() / cpu,
                unit,
                comparison.cpuRatio());
    }

    private void writeValues() throws IOException {
        StringBuilder tsv = new StringBuilder("benchmark\tround\tfirst\tside\tp50 µs\tp99 µs\talloc B/op\tCPU ns/op\n");
        comparisons.forEach((benchmark, rounds) -> {
            for (int round = 0; round < rounds.size(); round++) {
                RouteComparison comparison = rounds.get(round);
                Map<String, RouteComparison.Side> sides =
                        Map.of(RouteBenchmark.DIRECT, comparison.direct(), RouteBenchmark.ROUTED, comparison.routed());
                for (String name : List.of(RouteBenchmark.DIRECT, RouteBenchmark.ROUTED)) {
                    RouteComparison.Side side = sides.get(name);
                    tsv.append(String.format(
                            Locale.ROOT,
                            "%s\t%d\t%s\t%s\t%.3f\t%.3f\t%.1f\t%.1f%n",
                            benchmark,
                            round + 1,
                            comparison.first(),
                            name,
                            side.p50(),
                            side.p99(),
                            side.allocation(),
                            side.cpu()));
                }
            }
        });
        Files.writeString(out.resolve("rounds.tsv"), tsv.toString());
        StringBuilder iterations = new StringBuilder("benchmark\tround\tside\titeration medians µs, in order\n");
        comparisons.forEach((benchmark, rounds) -> {
            for (int round = 0; round < rounds.size(); round++) {
                RouteComparison comparison = rounds.get(round);
                iterations.append(String.format(
                        Locale.ROOT,
                        "%s\t%d\t%s\t%s%n%s\t%d\t%s\t%s%n",
                        benchmark,
                        round + 1,
                        RouteBenchmark.DIRECT,
                        comparison.direct().iterationP50s(),
                        benchmark,
                        round + 1,
                        RouteBenchmark.ROUTED,
                        comparison.routed().iterationP50s()));
            }
        });
        Files.writeString(out.resolve("iterations.tsv"), iterations.toString());
    }
}
