package ir.aifo.benchmarks;

import ir.aifo.chat.AifoChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.springframework.ai.chat.messages.Message;

/**
 * What an {@code AifoRouter} adds to a request its route's first target answers: one
 * {@code AifoChatModel}, called directly and through a router over it, in the same JVM against the
 * same stub hub, the two sides taking turns by iteration (A B B A A B B A..., warm-up included), A
 * being {@link #first}. So both sides share the JIT's profile, the connection pool and the machine's
 * noise of the moment, and their ratio is taken within one process.
 *
 * <p>Each measured iteration's side, the JVM's CPU time in it (all threads) and its operations are
 * written at the end of the trial, one line each, to the file named by {@value #SIDES_FILE_PROPERTY};
 * {@link RouteSuite} splits JMH's per-iteration results (latency samples, {@code gc.alloc.rate.norm})
 * by side with it.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 12, time = 1)
public class RouteBenchmark {

    /** The system property naming the file the sides of the measured iterations are written to. */
    public static final String SIDES_FILE_PROPERTY = "aifo.bench.sidesFile";

    static final String DIRECT = "direct";

    static final String ROUTED = "routed";

    /** The side of the first iteration; the suite alternates it from round to round. */
    @Param({DIRECT, ROUTED})
    public String first = DIRECT;

    /**
     * What the routed side calls: {@code router}, or {@code direct} for an A/A control in which both sides
     * call the model directly, so that their ratio shows how far the harness itself wanders from 1.
     */
    @Param({"router", "direct"})
    public String routedSide = "router";

    /**
     * The messages of each request: 1 is the question alone, as in {@link ChatBenchmark}; more put a chat
     * history before it (see {@link Conversation}), which shows what the router's copy of a prompt costs.
     */
    @Param({"1"})
    public int messages = 1;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private @Nullable StubHub ownHub;

    private HubCaller direct = new RawJdkCaller("http://127.0.0.1:1");

    private HubCaller routed = direct;

    private HubCaller current = direct;

    private String currentSide = DIRECT;

    private int iterationsStarted;

    private boolean measuring;

    private long cpuAtStart;

    private long ops;

    private final StringBuilder sides = new StringBuilder();

    @Setup(Level.Trial)
    public void connect() {
        String baseUrl = System.getProperty(ChatBenchmark.HUB_PROPERTY);
        if (baseUrl == null) {
            ownHub = StubHub.start(0, ChatBenchmark.STREAM_CHUNKS);
            baseUrl = ownHub.baseUrl();
        }
        AifoChatModel model = AifoCaller.model(baseUrl);
        List<Message> conversation = Conversation.of(messages);
        direct = new AifoCaller(model, conversation);
        RoutedAifoCaller router = new RoutedAifoCaller(model, AifoCaller.model(baseUrl), conversation);
        router.checkAnsweredByFirstTarget();
        routed = routedSide.equals("router") ? router : new AifoCaller(model, conversation);
        checkAnswers(DIRECT, direct);
        checkAnswers(ROUTED, routed);
    }

    // A side that got the answer wrong would be measured doing something else.
    private static void checkAnswers(String side, HubCaller caller) {
        String answer = caller.call();
        if (!StubReplies.ANSWER.equals(answer)) {
            throw new IllegalStateException(side + " read a different answer: " + answer);
        }
        HubCaller.StreamedText streamed = caller.stream();
        if (streamed.text().split(" ").length != ChatBenchmark.STREAM_CHUNKS
                || streamed.chunks() < ChatBenchmark.STREAM_CHUNKS) {
            throw new IllegalStateException(side + " read " + streamed.chunks() + " chunks and "
                    + streamed.text().length() + " chars");
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        // A B B A A B...: each pair of iterations holds both sides, and a steady drift (the end of warm-up,
        // the machine's load changing) favours neither, where A B A B... would favour the same side each pair.
        int index = iterationsStarted++;
        boolean firstSide = (index + index / 2) % 2 == 0;
        currentSide = firstSide == first.equals(DIRECT) ? DIRECT : ROUTED;
        current = currentSide.equals(DIRECT) ? direct : routed;
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        ops = 0;
        cpuAtStart = os.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (measuring) {
            long cpu = os.getProcessCpuTime() - cpuAtStart;
            sides.append(currentSide)
                    .append(' ')
                    .append(cpu)
                    .append(' ')
                    .append(ops)
                    .append('\n');
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        String file = System.getProperty(SIDES_FILE_PROPERTY);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), sides);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
        direct.close();
        routed.close();
        if (ownHub != null) {
            ownHub.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String call() {
        ops++;
        return current.call();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int stream() {
        ops++;
        return current.stream().text().length();
    }
}
