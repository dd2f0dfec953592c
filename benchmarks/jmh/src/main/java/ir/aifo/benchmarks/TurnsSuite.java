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
 * Runs a benchmark whose two sides take {@link Turns} in rounds against one {@link StubHub} in this JVM,
 * a forked JVM per benchmark per round, and prints the candidate side's cost against the baseline:
 * latency, allocation and CPU time per operation, each ratio taken within one JVM (see {@link
 * TurnsComparison}). A subclass names the benchmark, its sides and its parameters, and renders the table.
 *
 * <p>Options: {@code --rounds N} (5), {@code --warmup N} (12), {@code --iterations N} (12, even: half
 * per side), {@code --seconds N} (1, per iteration), {@code --benchmarks call,stream}, {@code --out DIR},
 * {@code --jfr} (a flight recording of each fork's measurement), {@code --control} (an A/A run: the
 * candidate side does what the baseline does, which shows the harness's own noise floor).
 */
abstract class TurnsSuite {

    private final Map<String, String> options;

    private final String name;

    private final Class<?> benchmarkClass;

    private final String baseline;

    private final String candidate;

    private final BenchmarkSuite.Schedule schedule;

    private final Path out;

    private final boolean control;

    private final Map<String, List<TurnsComparison>> comparisons = new LinkedHashMap<>();

    /**
     * A suite named {@code name} (in the forks' labels, their flight recordings' directories and the closing
     * line) of {@code benchmarkClass}, whose {@code call} and {@code stream} benchmarks take a {@code first}
     * parameter naming {@code baseline} or {@code candidate}; its files go to {@code dir}, a control run's to
     * {@code dir/control}.
     */
    TurnsSuite(
            Map<String, String> options,
            String name,
            Class<?> benchmarkClass,
            String baseline,
            String candidate,
            Path dir) {
        this.options = options;
        this.name = name;
        this.benchmarkClass = benchmarkClass;
        this.baseline = baseline;
        this.candidate = candidate;
        this.schedule = new BenchmarkSuite.Schedule(
                Integer.parseInt(options.getOrDefault("rounds", "5")),
                Integer.parseInt(options.getOrDefault("warmup", "12")),
                Integer.parseInt(options.getOrDefault("iterations", "12")),
                Integer.parseInt(options.getOrDefault("seconds", "1")));
        if (schedule.iterations() % 2 != 0 || schedule.warmup() % 2 != 0) {
            throw new IllegalArgumentException("--warmup and --iterations must be even: the two sides take turns");
        }
        this.control = options.containsKey("control");
        // A control run keeps its figures beside the main run's, not over them.
        this.out = control ? dir.resolve("control") : dir;
    }

    /** Whether this is an A/A control run, in which the candidate side does what the baseline does. */
    final boolean control() {
        return control;
    }

    /** The benchmark's parameters besides {@code first}; in a control run, those that make the A/A. */
    abstract Map<String, String> params();

    /** System properties and other arguments of each fork besides the heap, the hub and the turns' log. */
    List<String> jvmArgs() {
        return List.of();
    }

    /** The rate-limit windows the stub hub's replies report. */
    StubReplies.RateLimitWindows rateLimitWindows() {
        return StubReplies.RateLimitWindows.MILLISECONDS;
    }

    /** The table of what was measured, for the console and {@code table.md}. */
    abstract TurnsTable table(Map<String, List<TurnsComparison>> comparisons);

    final void run() throws RunnerException, IOException {
        List<String> benchmarks =
                List.of(options.getOrDefault("benchmarks", "call,stream").split(","));
        Files.createDirectories(out);
        String machine = MachineDescription.describe();
        long started = System.nanoTime();
        try (StubHub hub = StubHub.start(0, ChatBenchmark.STREAM_CHUNKS, rateLimitWindows())) {
            System.out.println("stub hub on " + hub.baseUrl() + "; " + schedule.rounds() + " rounds of " + benchmarks
                    + ", " + baseline + " and " + (control ? baseline + " again (A/A control)" : candidate)
                    + " taking turns in each fork");
            for (int round = 0; round < schedule.rounds(); round++) {
                // The side that goes first alternates, so that neither always runs right after warm-up.
                String first = round % 2 == 0 ? baseline : candidate;
                for (String benchmark : benchmarks) {
                    TurnsComparison comparison = measure(hub, benchmark, first, round);
                    comparisons
                            .computeIfAbsent(benchmark, b -> new ArrayList<>())
                            .add(comparison);
                    print(comparison, round);
                    // Written as the run goes, so that an interrupted run keeps what it measured.
                    writeValues();
                }
            }
        }
        String table = table(comparisons).render(machine, schedule);
        Files.writeString(out.resolve("table.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.printf(
                Locale.ROOT,
                "%s benchmarks took %.1f min; table in %s%n",
                name,
                (System.nanoTime() - started) / 60e9,
                out.resolve("table.md"));
    }

    private TurnsComparison measure(StubHub hub, String benchmark, String first, int round)
            throws RunnerException, IOException {
        Path sides = out.resolve("sides.txt");
        List<String> forkArgs = new ArrayList<>(List.of(
                "-Xms1g",
                "-Xmx1g",
                "-Djmh.shutdownTimeout=2",
                "-D" + ChatBenchmark.HUB_PROPERTY + "=" + hub.baseUrl(),
                "-D" + Turns.SIDES_FILE_PROPERTY + "=" + sides.toAbsolutePath()));
        forkArgs.addAll(jvmArgs());
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarkClass.getName() + "." + benchmark) + "$")
                .param("first", first)
                .forks(1)
                .warmupIterations(schedule.warmup())
                .warmupTime(TimeValue.seconds(schedule.seconds()))
                .measurementIterations(schedule.iterations())
                .measurementTime(TimeValue.seconds(schedule.seconds()))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(forkArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        params().forEach(builder::param);
        if (options.containsKey("jfr")) {
            Path dir = out.resolve("jfr").resolve(name + "-" + benchmark + "-round" + (round + 1));
            builder.addProfiler("jfr", "dir=" + dir.toAbsolutePath());
        }
        RunResult result = BenchmarkSuite.runOnce(builder, name + "." + benchmark, first + " first", round);
        List<String> sideLog = Files.readAllLines(sides);
        Files.delete(sides);
        return TurnsComparison.of(benchmark, first, baseline, candidate, result, sideLog);
    }

    private static void print(TurnsComparison comparison, int round) {
        boolean stream = comparison.benchmark().equals("stream");
        double time = stream ? 1e3 : 1;
        double cpu = stream ? 1e6 : 1e3;
        String unit = stream ? "ms" : "µs";
        TurnsComparison.Side baseline = comparison.baseline();
        TurnsComparison.Side candidate = comparison.candidate();
        System.out.printf(
                Locale.ROOT,
                "round %d  %-6s (%s first)  median %.2f → %.2f %s (%.3f×), allocation %.2f → %.2f KB (%+.0f B),"
                        + " CPU %.2f → %.2f %s (%.3f×)%n",
                round + 1,
                comparison.benchmark(),
                comparison.first(),
                baseline.p50() / time,
                candidate.p50() / time,
                unit,
                comparison.latencyRatio(),
                baseline.allocation() / 1024,
                candidate.allocation() / 1024,
                candidate.allocation() - baseline.allocation(),
                baseline.cpu() / cpu,
                candidate.cpu() / cpu,
                unit,
                comparison.cpuRatio());
    }

    private void writeValues() throws IOException {
        StringBuilder tsv = new StringBuilder("benchmark\tround\tfirst\tside\tp50 µs\tp99 µs\talloc B/op\tCPU ns/op\n");
        comparisons.forEach((benchmark, rounds) -> {
            for (int round = 0; round < rounds.size(); round++) {
                TurnsComparison comparison = rounds.get(round);
                Map<String, TurnsComparison.Side> sides =
                        Map.of(baseline, comparison.baseline(), candidate, comparison.candidate());
                for (String side : List.of(baseline, candidate)) {
                    TurnsComparison.Side figures = sides.get(side);
                    tsv.append(String.format(
                            Locale.ROOT,
                            "%s\t%d\t%s\t%s\t%.3f\t%.3f\t%.1f\t%.1f%n",
                            benchmark,
                            round + 1,
                            comparison.first(),
                            side,
                            figures.p50(),
                            figures.p99(),
                            figures.allocation(),
                            figures.cpu()));
                }
            }
        });
        Files.writeString(out.resolve("rounds.tsv"), tsv.toString());
        StringBuilder iterations = new StringBuilder("benchmark\tround\tside\titeration medians µs, in order\n");
        comparisons.forEach((benchmark, rounds) -> {
            for (int round = 0; round < rounds.size(); round++) {
                TurnsComparison comparison = rounds.get(round);
                iterations.append(String.format(
                        Locale.ROOT,
                        "%s\t%d\t%s\t%s%n%s\t%d\t%s\t%s%n",
                        benchmark,
                        round + 1,
                        baseline,
                        comparison.baseline().iterationP50s(),
                        benchmark,
                        round + 1,
                        candidate,
                        comparison.candidate().iterationP50s()));
            }
        });
        Files.writeString(out.resolve("iterations.tsv"), iterations.toString());
    }
}
