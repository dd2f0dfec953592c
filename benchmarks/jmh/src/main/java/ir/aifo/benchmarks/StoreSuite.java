package ir.aifo.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link StoreBenchmark} in rounds (see {@link TurnsSuite}) against a {@code redis-server} of its own
 * on a free loopback port, and prints what keeping the quota in a {@code RedisQuotaStore} costs against
 * the default in-memory tracker: latency, allocation and CPU time per operation, each ratio taken within
 * one JVM (see {@link StoreTable}).
 *
 * <p>Options: those of {@link TurnsSuite}, where {@code --control} keeps the quota in memory on both
 * sides (and starts no Redis). Without {@code redis-server} on the {@code PATH} it says so and exits.
 */
public final class StoreSuite extends TurnsSuite {

    private final @Nullable LocalRedis redis;

    private StoreSuite(Map<String, String> options, @Nullable LocalRedis redis) {
        super(
                options,
                "store",
                StoreBenchmark.class,
                StoreBenchmark.IN_MEMORY,
                StoreBenchmark.REDIS,
                Path.of(options.getOrDefault("out", "target/store-results")));
        this.redis = redis;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkSuite.options(args);
        if (options.containsKey("control")) {
            new StoreSuite(options, null).run();
            return;
        }
        if (!LocalRedis.isInstalled()) {
            System.err.println("redis-server is not on the PATH: install Debian's redis-server package to measure"
                    + " the quota store");
            System.exit(1);
        }
        try (LocalRedis redis = LocalRedis.start()) {
            System.out.println("redis-server on " + redis.uri());
            new StoreSuite(options, redis).run();
        }
    }

    @Override
    Map<String, String> params() {
        return Map.of("redisSide", control() ? StoreBenchmark.IN_MEMORY : StoreBenchmark.REDIS);
    }

    @Override
    List<String> jvmArgs() {
        return redis == null ? List.of() : List.of("-D" + StoreBenchmark.REDIS_PROPERTY + "=" + redis.uri());
    }

    @Override
    StubReplies.RateLimitWindows rateLimitWindows() {
        return StubReplies.RateLimitWindows.SECONDS;
    }

    @Override
    TurnsTable table(Map<String, List<TurnsComparison>> comparisons) {
        return new StoreTable(comparisons, control());
    }
}
