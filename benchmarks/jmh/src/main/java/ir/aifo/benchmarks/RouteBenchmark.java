package ir.aifo.benchmarks;

import ir.aifo.chat.AifoChatModel;
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
import org.springframework.ai.chat.messages.Message;

/**
 * What an {@code AifoRouter} adds to a request its route's first target answers: one
 * {@code AifoChatModel}, called directly and through a router over it, in the same JVM against the
 * same stub hub, the two sides taking turns by iteration (A B B A A B B A..., warm-up included), A
 * being {@link #first} (see {@link Turns}). So both sides share the JIT's profile, the connection pool
 * and the machine's noise of the moment, and their ratio is taken within one process; {@link RouteSuite}
 * splits JMH's per-iteration results by side with the fork's log of its turns.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 12, time = 1)
public class RouteBenchmark {

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

    private @Nullable StubHub ownHub;

    private HubCaller direct = new RawJdkCaller("http://127.0.0.1:1");

    private HubCaller routed = direct;

    private HubCaller current = direct;

    private Turns turns = new Turns(DIRECT, ROUTED);

    @Setup(Level.Trial)
    public void connect() {
        turns = new Turns(first, first.equals(DIRECT) ? ROUTED : DIRECT);
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
        StubReplies.checkAnswers(DIRECT, direct);
        StubReplies.checkAnswers(ROUTED, routed);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        current = turns.begin(iteration).equals(DIRECT) ? direct : routed;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        turns.end();
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        turns.writeLog();
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
        turns.count();
        return current.call();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int stream() {
        turns.count();
        return current.stream().text().length();
    }
}
