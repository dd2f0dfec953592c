package ir.aifo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ChatBenchmark} in interleaved rounds against one {@link StubHub} in this JVM, each
 * benchmark of each client in a forked JVM of its own, and prints the table of figures and ratios
 * against the raw client (median and min..max over the rounds).
 *
 * <p>Interleaving (every client once per round, the order rotating) spreads a busy machine's noise
 * over all clients instead of letting it land on one. Options: {@code --rounds N}, {@code --warmup N},
 * {@code --iterations N}, {@code --seconds N} (per iteration), {@code --out DIR}, {@code --footprint FILE}
 * (from {@code footprint.sh}), {@code --jfr} (a flight recording of each fork's measurement),
 * {@code --benchmarks call,callThroughput,stream}, {@code --clients raw,aifo,openai}, {@code --control} and
 * {@code --common-pool N}.
 *
 * <p>{@code --control} is an A/A run: the forks labelled {@code aifo} run the raw client too, so that
 * the "AiFO ÷ raw" ratios show how far two identical clients drift apart in this suite on this machine,
 * the least difference a target on those ratios can resolve.
 *
 * <p>{@code --common-pool N} pins the forks' common pool to {@code N} threads. The JDK client hands a
 * {@code sendAsync}'s completion to that pool, or where it has one thread (two cores, as here) to a new
 * thread per task, which the starter forestalls (see {@code StreamStart} in {@code aifo-spring-ai}) and
 * the raw client's blocking {@code send} never meets; with {@code N} above one this machine measures the
 * clients as a machine of three or more cores runs them.
 */
public final class BenchmarkSuite {

    static final List<String> CLIENTS = List.of("raw", "aifo", "openai");

    private final Map<String, String> options;

    private final Schedule schedule;

    private final Path out;

    private final boolean control;

    // The forks' common pool size, or null for the machine's own.
    private final @Nullable String commonPool;

    private final Map<Figure, Map<String, List<Double>>> values = new EnumMap<>(Figure.class);

    private BenchmarkSuite(Map<String, String> options, Schedule schedule) {
        this.options = options;
        this.schedule = schedule;
        this.out = Path.of(options.getOrDefault("out", "target/bench-results"));
        this.control = options.containsKey("control");
        this.commonPool = options.get("common-pool");
        if (commonPool != null && !commonPool.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("--common-pool takes a number of threads, 1 or more: " + commonPool);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        new BenchmarkSuite(options, Schedule.of(options)).run();
    }

    /** {@code --name value} and {@code --flag} arguments, by name; a later one wins over an earlier one. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    /**
     * How long the run measures: rounds, and each fork's warm-up and measured iterations of so many
     * seconds. Read once, so that the forks and the table's account of them cannot drift apart.
     */
    record Schedule(int rounds, int warmup, int iterations, int seconds) {

        static Schedule of(Map<String, String> options) {
            return new Schedule(
                    Integer.parseInt(options.getOrDefault("rounds", "5")),
                    Integer.parseInt(options.getOrDefault("warmup", "3")),
                    Integer.parseInt(options.getOrDefault("iterations", "3")),
                    Integer.parseInt(options.getOrDefault("seconds", "1")));
        }
    }

    private void run() throws RunnerException, IOException {
        int rounds = schedule.rounds();
        List<String> benchmarks = List.of(
                options.getOrDefault("benchmarks", "call,callThroughput,stream").split(","));
        List<String> clients = List.of(
                options.getOrDefault("clients", String.join(",", CLIENTS)).split(","));
        Files.createDirectories(out);
        String machine = MachineDescription.describe()
                + (commonPool == null ? "" : "; the forks' common pool pinned to " + commonPool + " threads");
        long started = System.nanoTime();
        try (StubHub hub = StubHub.start(0, ChatBenchmark.STREAM_CHUNKS)) {
            System.out.println(
                    "stub hub on " + hub.baseUrl() + "; " + rounds + " rounds of " + benchmarks + " x " + clients);
            if (control) {
                System.out.println("A/A control: the forks labelled aifo run the raw client");
            }
            for (int round = 0; round < rounds; round++) {
                for (String benchmark : benchmarks) {
                    for (String client : rotate(clients, round)) {
                        measure(hub, benchmark, client, round);
                        // Written as the run goes, so that an interrupted run keeps what it measured.
                        writeValues();
                    }
                }
            }
        }
        String footprintFile = options.get("footprint");
        Footprint footprint = null;
        if (footprintFile != null && Files.exists(Path.of(footprintFile))) {
            footprint = Footprint.read(Path.of(footprintFile));
        } else if (footprintFile != null) {
            System.out.println("no footprint figures in " + footprintFile + ": the table leaves them out");
        }
        String table = new ResultTable(values, footprint, control).render(machine, schedule);
        Files.writeString(out.resolve("table.md"), table);
        writeValues();
        System.out.println();
        System.out.println(table);
        System.out.printf(
                Locale.ROOT,
                "benchmarks took %.1f min; table in %s%n",
                (System.nanoTime() - started) / 60e9,
                out.resolve("table.md"));
    }

    private static List<String> rotate(List<String> clients, int round) {
        List<String> order = new ArrayList<>(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            order.add(clients.get((i + round) % clients.size()));
        }
        return order;
    }

    private void measure(StubHub hub, String benchmark, String client, int round) throws RunnerException {
        Path firstChunks = out.resolve("first-chunk-" + client + ".txt");
        Path cpuFile = out.resolve("cpu-" + client + ".txt");
        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xms1g",
                "-Xmx1g",
                // A fork whose client left a thread running would otherwise wait 30 s before exiting.
                "-Djmh.shutdownTimeout=2",
                "-D" + ChatBenchmark.HUB_PROPERTY + "=" + hub.baseUrl(),
                "-D" + FirstChunkLog.FILE_PROPERTY + "=" + firstChunks.toAbsolutePath(),
                "-D" + CpuMeter.FILE_PROPERTY + "=" + cpuFile.toAbsolutePath()));
        if (commonPool != null) {
            jvmArgs.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + commonPool);
        }
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(ChatBenchmark.class.getName() + "." + benchmark) + "$")
                .param("client", control && client.equals("aifo") ? "raw" : client)
                .forks(1)
                .warmupIterations(schedule.warmup())
                .warmupTime(TimeValue.seconds(schedule.seconds()))
                .measurementIterations(schedule.iterations())
                .measurementTime(TimeValue.seconds(schedule.seconds()))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (options.containsKey("jfr")) {
            Path dir = out.resolve("jfr").resolve(benchmark + "-" + client + "-round" + (round + 1));
            builder.addProfiler("jfr", "dir=" + dir.toAbsolutePath());
        }
        RunResult result = runOnce(builder, benchmark, client, round);
        Result<?> primary = result.getPrimaryResult();
        double allocation = secondary(result, "gc.alloc.rate.norm");
        double cpuMicros = readNumbers(cpuFile)[0];
        // Each figure is computed once, in the order the console line's format takes them.
        Map<Figure, Double> figures = new LinkedHashMap<>();
        String format;
        switch (benchmark) {
            case "call" -> {
                figures.put(Figure.CALL_P50, primary.getStatistics().getPercentile(50));
                figures.put(Figure.CALL_P99, primary.getStatistics().getPercentile(99));
                figures.put(Figure.CALL_ALLOC, allocation / 1024);
                figures.put(Figure.CALL_CPU, cpuMicros);
                format = "median %.0f µs, p99 %.0f µs, %.1f KB/call, CPU %.0f µs/call";
            }
            case "callThroughput" -> {
                figures.put(Figure.THROUGHPUT, primary.getScore());
                figures.put(Figure.THROUGHPUT_CPU, cpuMicros);
                format = "%.0f req/s, CPU %.0f µs/call";
            }
            case "stream" -> {
                figures.put(Figure.STREAM_FIRST, readNumbers(firstChunks)[0] / 1000);
                figures.put(Figure.STREAM_LAST, primary.getStatistics().getPercentile(50) / 1000);
                figures.put(Figure.STREAM_LAST_P99, primary.getStatistics().getPercentile(99) / 1000);
                figures.put(Figure.STREAM_ALLOC, allocation / (1024 * 1024));
                figures.put(Figure.STREAM_CPU, cpuMicros / 1000);
                format = "first chunk %.2f ms, last chunk %.2f ms (p99 %.2f), %.2f MB/stream, CPU %.2f ms/stream";
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + benchmark);
        }
        figures.forEach((figure, value) -> add(figure, client, value));
        System.out.printf(
                Locale.ROOT,
                "round %d  %-15s %-7s %s%n",
                round + 1,
                benchmark,
                client,
                String.format(Locale.ROOT, format, figures.values().toArray()));
    }

    // A fork that fails (the JDK client's pool has a rare race that breaks one request of thousands) is
    // run once more rather than losing the whole run; the retry is reported, a second failure is not hidden.
    static RunResult runOnce(ChainedOptionsBuilder builder, String benchmark, String client, int round)
            throws RunnerException {
        try {
            return new Runner(builder.build()).runSingle();
        } catch (RunnerException failure) {
            System.out.printf(
                    Locale.ROOT,
                    "round %d  %-15s %-7s failed (%s); running the fork again%n",
                    round + 1,
                    benchmark,
                    client,
                    rootCause(failure));
            return new Runner(builder.build()).runSingle();
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable suppressed : failure.getCause() == null
                ? new Throwable[0]
                : failure.getCause().getSuppressed()) {
            cause = suppressed;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static double secondary(RunResult result, String name) {
        Result<?> value = result.getSecondaryResults().get(name);
        return value == null ? Double.NaN : value.getScore();
    }

    // The figures a fork wrote beside JMH's own (see FirstChunkLog and CpuMeter); the file is then removed.
    private static double[] readNumbers(Path file) {
        try {
            String[] fields = Files.readString(file).trim().split(" ");
            Files.delete(file);
            double[] numbers = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                numbers[i] = Double.parseDouble(fields[i]);
            }
            return numbers;
        } catch (IOException failure) {
            throw new UncheckedIOException("The benchmark fork wrote no figures to " + file, failure);
        }
    }

    private void add(Figure figure, String client, double value) {
        values.computeIfAbsent(figure, f -> new LinkedHashMap<>())
                .computeIfAbsent(client, c -> new ArrayList<>())
                .add(value);
    }

    private void writeValues() throws IOException {
        StringBuilder tsv = new StringBuilder("figure\tclient\tround values\n");
        values.forEach((figure, byClient) -> byClient.forEach((client, list) -> tsv.append(figure.name())
                .append('\t')
                .append(client)
                .append('\t')
                .append(list.stream()
                        .map(v -> String.format(Locale.ROOT, "%.3f", v))
                        .toList())
                .append('\n')));
        Files.writeString(out.resolve("rounds.tsv"), tsv.toString());
    }
}
