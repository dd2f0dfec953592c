package ir.aifo.benchmarks;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.quota.redis.RedisQuotaStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
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
 * What sharing a key's quota through Redis adds to a request: two {@code AifoChatModel}s built alike,
 * one keeping what its replies report of the quota in the default in-memory tracker, the other in a
 * {@link RedisQuotaStore} on a real {@code redis-server}, called in the same JVM against the same stub
 * hub, the two sides taking {@link Turns} by iteration, A being {@link #first}. Every reply reports
 * rate-limit windows of a second ({@link StubReplies.RateLimitWindows#SECONDS}), so that each one gives
 * the store figures to record and to write to Redis before their window ends.
 *
 * <p>The stub hub's base URL is the system property {@value ChatBenchmark#HUB_PROPERTY} and Redis's
 * URI {@value #REDIS_PROPERTY} (set by {@link StoreSuite}); without them the fork starts its own, which
 * is handy for a quick look but shares the fork's CPU time.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 12, time = 1)
public class StoreBenchmark {

    /** The system property that holds Redis's URI, {@code redis://127.0.0.1:<port>}. */
    public static final String REDIS_PROPERTY = "aifo.bench.redis";

    static final String IN_MEMORY = "in-memory";

    static final String REDIS = "redis";

    private static final String KEY_PREFIX = "bench";

    private static final long WAIT_MILLIS = 10_000;

    /** The side of the first iteration; the suite alternates it from round to round. */
    @Param({IN_MEMORY, REDIS})
    public String first = IN_MEMORY;

    /**
     * Where the redis side keeps the quota: {@code redis}, or {@code in-memory} for an A/A control in which
     * both sides keep it in memory, so that their ratio shows how far the harness itself wanders from 1.
     */
    @Param({REDIS, IN_MEMORY})
    public String redisSide = REDIS;

    private @Nullable StubHub ownHub;

    private @Nullable LocalRedis ownRedis;

    private @Nullable RedisClient client;

    private @Nullable RedisQuotaStore store;

    private HubCaller inMemory = new RawJdkCaller("http://127.0.0.1:1");

    private HubCaller redis = inMemory;

    private HubCaller current = inMemory;

    private Turns turns = new Turns(IN_MEMORY, REDIS);

    @Setup(Level.Trial)
    public void connect() {
        turns = new Turns(first, first.equals(IN_MEMORY) ? REDIS : IN_MEMORY);
        String baseUrl = System.getProperty(ChatBenchmark.HUB_PROPERTY);
        if (baseUrl == null) {
            ownHub = StubHub.start(0, ChatBenchmark.STREAM_CHUNKS, StubReplies.RateLimitWindows.SECONDS);
            baseUrl = ownHub.baseUrl();
        }
        List<Message> conversation = Conversation.of(1);
        QuotaTracker memoryTracker = QuotaTracker.inMemory();
        QuotaTracker redisTracker = redisSide.equals(REDIS) ? startStore() : QuotaTracker.inMemory();
        AifoChatModel memoryModel = AifoCaller.model(baseUrl, memoryTracker);
        AifoChatModel redisModel = AifoCaller.model(baseUrl, redisTracker);
        inMemory = new AifoCaller(memoryModel, conversation);
        redis = new AifoCaller(redisModel, conversation);
        StubReplies.checkAnswers(IN_MEMORY, inMemory);
        StubReplies.checkAnswers(REDIS, redis);
        checkRecorded(IN_MEMORY, memoryTracker, memoryModel.getKeyFingerprint());
        checkRecorded(REDIS, redisTracker, redisModel.getKeyFingerprint());
        if (client != null) {
            checkShared(client, redisModel.getKeyFingerprint());
        }
    }

    private RedisQuotaStore startStore() {
        String uri = System.getProperty(REDIS_PROPERTY);
        if (uri == null) {
            ownRedis = LocalRedis.start();
            uri = ownRedis.uri();
        }
        RedisClient redisClient = RedisClient.create(uri);
        client = redisClient;
        RedisQuotaStore started =
                RedisQuotaStore.builder(redisClient).keyPrefix(KEY_PREFIX).build();
        store = started;
        started.start();
        awaitUp(started);
        return started;
    }

    // Calls that reported no quota would leave the trackers idle, and the benchmark would measure nothing.
    private static void checkRecorded(String side, QuotaTracker tracker, String keyFingerprint) {
        if (!tracker.snapshot().containsKey(keyFingerprint)) {
            throw new IllegalStateException(side + "'s tracker holds no quota after a call: " + tracker.snapshot());
        }
    }

    /**
     * Fails unless another instance of the application, a second store under the same prefix, hears of the
     * quota a call reported: a store whose writes never reached Redis would be measured doing less than it
     * does in use.
     */
    private void checkShared(RedisClient redisClient, String keyFingerprint) {
        try (RedisQuotaStore other =
                RedisQuotaStore.builder(redisClient).keyPrefix(KEY_PREFIX).build()) {
            other.start();
            awaitUp(other);
            redis.call();
            long giveUp = System.currentTimeMillis() + WAIT_MILLIS;
            while (other.lastKnown(keyFingerprint).isEmpty()) {
                if (System.currentTimeMillis() > giveUp) {
                    throw new IllegalStateException("a second store under the same prefix never heard of the quota"
                            + " the store recorded: nothing reached Redis");
                }
                pause();
            }
        }
    }

    private static void awaitUp(RedisQuotaStore store) {
        long giveUp = System.currentTimeMillis() + WAIT_MILLIS;
        while (store.getState() != RedisQuotaStore.State.UP) {
            if (System.currentTimeMillis() > giveUp) {
                throw new IllegalStateException("the quota store did not reach Redis: "
                        + store.getLastProblem().orElse(store.getState().toString()));
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", interrupted);
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        current = turns.begin(iteration).equals(IN_MEMORY) ? inMemory : redis;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        turns.end();
        // A store that lost Redis goes on with its local view: cheaper, and not what is measured.
        if (store != null && store.getState() != RedisQuotaStore.State.UP) {
            throw new IllegalStateException("the quota store lost Redis during the iteration: "
                    + store.getLastProblem().orElse(store.getState().toString()));
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        turns.writeLog();
        inMemory.close();
        redis.close();
        if (store != null) {
            store.close();
        }
        if (client != null) {
            // The store closes its connections without waiting; the client's shutdown then finds them closing
            // and warns that each is "already closed", which says nothing about the run.
            Logger closing = Logger.getLogger(RedisChannelHandler.class.getName());
            closing.setLevel(java.util.logging.Level.SEVERE);
            client.shutdown();
        }
        if (ownRedis != null) {
            ownRedis.close();
        }
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
