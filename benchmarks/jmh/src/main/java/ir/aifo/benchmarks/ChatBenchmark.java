package ir.aifo.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chat call and a streamed reply through each {@link HubCaller}, against a stub hub whose base URL
 * is the system property {@value #HUB_PROPERTY} (set by {@link BenchmarkSuite}; without it the fork
 * starts a stub of its own, which is handy for a quick look but shares the fork's CPU time).
 *
 * <p>{@code call} gives latency percentiles (sample mode) and, with {@code -prof gc}, allocation per
 * call; {@code callThroughput} the rate of 32 concurrent callers; {@code stream} the time to the last
 * chunk of a {@value #STREAM_CHUNKS}-chunk stream, with the time to the first chunk in {@link FirstChunkLog}.
 * Each also reports its CPU time per operation through {@link CpuMeter}.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ChatBenchmark {

    /** The system property that holds the stub hub's base URL. */
    public static final String HUB_PROPERTY = "aifo.bench.hub";

    /** Content chunks in each streamed reply (the stub is started with this count). */
    public static final int STREAM_CHUNKS = 1000;

    @Param({"raw", "aifo", "openai"})
    public String client = "raw";

    private @Nullable StubHub ownHub;

    private HubCaller caller = new RawJdkCaller("http://127.0.0.1:1");

    @Setup(Level.Trial)
    public void connect() {
        String baseUrl = System.getProperty(HUB_PROPERTY);
        if (baseUrl == null) {
            ownHub = StubHub.start(0, STREAM_CHUNKS);
            baseUrl = ownHub.baseUrl();
        }
        caller = switch (client) {
            case "raw" -> new RawJdkCaller(baseUrl);
            case "aifo" -> new AifoCaller(baseUrl);
            case "openai" -> new OpenAiCaller(baseUrl);
            default -> throw new IllegalArgumentException("unknown client " + client + ": raw, aifo or openai");
        };
        checkAnswers();
    }

    // A client that gets the answer wrong would be measured doing something else.
    private void checkAnswers() {
        String answer = caller.call();
        if (!StubReplies.ANSWER.equals(answer)) {
            throw new IllegalStateException(client + " read a different answer: " + answer);
        }
        HubCaller.StreamedText streamed = caller.stream();
        if (streamed.text().split(" ").length != STREAM_CHUNKS || streamed.chunks() < STREAM_CHUNKS) {
            throw new IllegalStateException(client + " read " + streamed.chunks() + " chunks and "
                    + streamed.text().length() + " chars");
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        caller.close();
        if (ownHub != null) {
            ownHub.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String call(CpuMeter cpu) {
        cpu.count();
        return caller.call();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(32)
    public String callThroughput(CpuMeter cpu) {
        cpu.count();
        return caller.call();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int stream(FirstChunkLog firstChunks, CpuMeter cpu) {
        cpu.count();
        long start = System.nanoTime();
        HubCaller.StreamedText streamed = caller.stream();
        firstChunks.record(streamed.firstChunkNanos() - start);
        return streamed.text().length();
    }
}
