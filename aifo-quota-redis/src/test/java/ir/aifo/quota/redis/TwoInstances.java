package ir.aifo.quota.redis;

import io.lettuce.core.RedisClient;
import ir.aifo.quota.redis.testing.RedisServer;
import ir.aifo.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Stores on one Redis, each with a Lettuce client of its own as each instance of an application has,
 * under a key prefix of the test's own.
 */
final class TwoInstances implements AutoCloseable {

    private final RedisServer redis;

    private final MutableClock clock;

    final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<RedisClient> clients = new ArrayList<>();

    private final List<RedisQuotaStore> stores = new ArrayList<>();

    TwoInstances(RedisServer redis, MutableClock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** A store, started and up. */
    RedisQuotaStore instance() {
        RedisQuotaStore store = started();
        await(Duration.ofSeconds(10), () -> store.getState() == RedisQuotaStore.State.UP, "the store to be up");
        return store;
    }

    /** A store, started but perhaps not yet up. */
    RedisQuotaStore started() {
        RedisClient client = RedisClient.create(redis.uri());
        clients.add(client);
        RedisQuotaStore store = RedisQuotaStore.builder(client)
                .keyPrefix(prefix)
                .clock(clock)
                .retryDelay(Duration.ofMillis(100))
                .build();
        stores.add(store);
        store.start();
        return store;
    }

    String key(String rest) {
        return "aifo:{" + prefix + "}:" + rest;
    }

    @Override
    public void close() {
        stores.forEach(RedisQuotaStore::close);
        clients.forEach(client -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    }

    /** Waits for {@code condition}, and returns how long it took. */
    static Duration await(Duration within, BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        long giveUp = start + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("Waited " + within + " for " + what);
            }
            // Finer than Thread.sleep, which sleeps at least a millisecond: the delays measured are a few.
            LockSupport.parkNanos(20_000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
