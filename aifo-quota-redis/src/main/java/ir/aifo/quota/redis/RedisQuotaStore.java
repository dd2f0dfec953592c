package ir.aifo.quota.redis;

import io.lettuce.core.AbstractRedisClient;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A {@link QuotaTracker} and a router's {@link AifoRouter.CoolDownSharing} whose knowledge every instance of
 * the application shares through Redis: the last known quota of each key (by fingerprint, never the
 * key), its spent buckets and rate-limit windows, and the routes' cool-downs with their reasons.
 *
 * <p>No call waits for Redis. Each instance keeps a local view, which calls read before sending; what
 * it learns goes to the view at once and to Redis from the store's own thread, where a script merges it
 * atomically (within one period figures only move towards spent, whichever instance wrote first; a new
 * period starts clean) and publishes what changed to every instance. Each entry expires at the end of
 * its month, window or cool-down.
 *
 * <p>While Redis is away the instance goes on with its local view; when Redis is back, it writes what
 * it learned meanwhile and reads what the others wrote. A value in Redis that is not the store's is
 * ignored, with a warning naming its key.
 *
 * <pre>{@code
 * RedisQuotaStore store = RedisQuotaStore.builder(redisClient).keyPrefix("orders-service").build();
 * store.start();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RedisQuotaStore implements QuotaTracker, AifoRouter.CoolDownSharing, AutoCloseable {

    private static final Log logger = LogFactory.getLog(RedisQuotaStore.class);

    /**
     * How long figures that only count down wait to be written, so that a busy instance writes each
     * key's a few dozen times a second, not once per call: a write costs both cores' time on a small
     * machine, and the other instances act on a bucket once it is spent, which is written at once.
     */
    static final Duration LINGER = Duration.ofMillis(20);

    /**
     * Whether the store reaches Redis.
     *
     * @since 0.1.0
     */
    public enum State {
        /** Connecting for the first time; calls use the local view. */
        STARTING,
        /** Connected and subscribed: what this instance learns is shared, and it hears the others. */
        UP,
        /** Redis cannot be reached; calls use the local view, which is shared again once it can. */
        DOWN,
        /** Closed with the application. */
        CLOSED
    }

    private final QuotaTracker local = QuotaTracker.inMemory();

    // Every cool-down this instance knows, its own and the others', for writing again after an outage.
    private final Map<RouteTarget, TargetUnavailable> coolDowns = new ConcurrentHashMap<>();

    private final List<Consumer<TargetUnavailable>> routers = new CopyOnWriteArrayList<>();

    private final Map<String, HubQuota> quotasToWrite = new ConcurrentHashMap<>();

    private final Map<RouteTarget, TargetUnavailable> coolDownsToWrite = new ConcurrentHashMap<>();

    // Whether a write within LINGER is scheduled.
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    private final StoreKeys keys;

    private final Clock clock;

    // Tells this instance's own messages from the others'.
    private final String instanceId = UUID.randomUUID().toString();

    private final ScheduledExecutorService storeThread;

    private final RedisLink link;

    private final StoreWarnings warnings = new StoreWarnings(logger);

    private volatile State state = State.STARTING;

    private volatile Instant stateSince;

    private volatile @Nullable String lastProblem;

    private RedisQuotaStore(Builder builder) {
        this.keys = new StoreKeys(builder.keyPrefix);
        this.clock = builder.clock;
        this.stateSince = clock.instant();
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread named = new Thread(task, "aifo-redis-" + keys.prefix());
            named.setDaemon(true);
            return named;
        });
        // Closing does not wait for the next attempt to connect.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.storeThread = thread;
        this.link = new RedisLink(builder.client, keys.channel(), storeThread, builder.retryDelay, new LinkEvents());
    }

    /** A store that reaches Redis through {@code client}, the application's Lettuce client. */
    public static Builder builder(AbstractRedisClient client) {
        return new Builder(client);
    }

    /** Starts connecting, in the background; until Redis answers, calls use the local view. */
    public void start() {
        link.start();
    }

    /** Whether the store reaches Redis now. */
    public State getState() {
        return state;
    }

    /** Since when the store is in its state. */
    public Instant getStateSince() {
        return stateSince;
    }

    /** Why Redis could not be reached, when it could not: the client's message, never a password. */
    public Optional<String> getLastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** The application's name in the keys, {@code aifo:{<prefix>}:...}. */
    public String getKeyPrefix() {
        return keys.prefix();
    }

    @Override
    public HubQuota record(String keyFingerprint, HubQuota report) {
        HubQuota before = local.lastKnown(keyFingerprint).orElse(null);
        HubQuota known = local.record(keyFingerprint, report);
        quotasToWrite.put(keyFingerprint, known);
        scheduleWrite(newlySpent(before, known));
        return known;
    }

    @Override
    public Optional<HubQuota> lastKnown(String keyFingerprint) {
        return local.lastKnown(keyFingerprint);
    }

    @Override
    public Map<String, HubQuota> snapshot() {
        return local.snapshot();
    }

    @Override
    public void share(TargetUnavailable coolDown) {
        if (coolDown.until() == null) {
            return;
        }
        coolDowns.merge(coolDown.target(), coolDown, RedisQuotaStore::laterEnd);
        coolDownsToWrite.merge(coolDown.target(), coolDown, RedisQuotaStore::laterEnd);
        scheduleWrite(true);
    }

    @Override
    public void connect(Consumer<TargetUnavailable> learned) {
        routers.add(learned);
        // What was read from Redis before the router was built.
        Instant now = clock.instant();
        coolDowns.values().stream()
                .filter(coolDown -> coolDown.until().isAfter(now))
                .forEach(learned);
    }

    /** Shares what this instance learned last, when Redis is there to take it, and lets go of Redis. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        runOnStoreThread(this::writePending);
        storeThread.shutdown();
        try {
            storeThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        state = State.CLOSED;
        stateSince = clock.instant();
        link.close();
        storeThread.shutdownNow();
    }

    @Override
    public String toString() {
        return "RedisQuotaStore[prefix=" + keys.prefix() + ", state=" + state + "]";
    }

    /**
     * Has the store's thread write what is pending: at once when it is news the other instances act on (a
     * bucket just spent, a cool-down), else within {@link #LINGER}, once for however many calls counted
     * down meanwhile.
     */
    private void scheduleWrite(boolean now) {
        try {
            if (now) {
                storeThread.execute(this::writePending);
            } else if (writeScheduled.compareAndSet(false, true)) {
                storeThread.schedule(this::writePending, LINGER.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException closed) {
            // The application is closing: the local view is all there is.
        }
    }

    /** Whether a bucket is spent now that was not (in this period): the news to share at once. */
    private static boolean newlySpent(@Nullable HubQuota before, HubQuota known) {
        boolean samePeriod = before != null && Objects.equals(before.period(), known.period());
        for (Map.Entry<String, QuotaBucket> bucket : known.breakdown().entrySet()) {
            boolean wasSpent = samePeriod
                    && before.bucket(bucket.getKey())
                            .map(QuotaBucket::isExhausted)
                            .orElse(false);
            if (bucket.getValue().isExhausted() && !wasSpent) {
                return true;
            }
        }
        return false;
    }

    private void writePending() {
        // Reset first: anything recorded from now on schedules another write.
        writeScheduled.set(false);
        boolean up = link.isUp();
        for (String keyFingerprint : quotasToWrite.keySet()) {
            HubQuota known = quotasToWrite.remove(keyFingerprint);
            if (known != null && up) {
                writeQuota(keyFingerprint, known);
            }
        }
        for (RouteTarget scope : coolDownsToWrite.keySet()) {
            TargetUnavailable coolDown = coolDownsToWrite.remove(scope);
            if (coolDown != null && up) {
                writeCoolDown(coolDown);
            }
        }
        // Whatever was dropped while Redis is away is in the local view, written again when it is back.
    }

    private void writeQuota(String keyFingerprint, HubQuota known) {
        Instant now = clock.instant();
        if (known.isMonthly()) {
            write(StoreScript.MERGE_QUOTA, keys.quota(keyFingerprint, StoreKeys.TOTALS), known, known.total(), now);
        }
        known.breakdown()
                .forEach((bucket, figures) ->
                        write(StoreScript.MERGE_QUOTA, keys.quota(keyFingerprint, bucket), known, figures, now));
    }

    private void write(StoreScript script, String key, HubQuota quota, QuotaBucket bucket, Instant now) {
        Duration timeToLive = QuotaRecord.timeToLive(quota, bucket, now);
        if (timeToLive.toMillis() > 0) {
            merge(script, key, QuotaRecord.encode(quota, bucket), timeToLive, now);
        }
    }

    private void writeCoolDown(TargetUnavailable coolDown) {
        Instant now = clock.instant();
        Duration timeToLive = Duration.between(now, coolDown.until());
        if (timeToLive.toMillis() > 0) {
            merge(
                    StoreScript.MERGE_COOL_DOWN,
                    keys.coolDown(coolDown.target()),
                    CoolDownRecord.encode(coolDown),
                    timeToLive,
                    now);
        }
    }

    private void merge(StoreScript script, String key, String record, Duration timeToLive, Instant now) {
        link.run(
                        script,
                        new String[] {key, keys.index()},
                        record,
                        Long.toString(timeToLive.toMillis()),
                        instanceId,
                        keys.channel(),
                        Long.toString(now.toEpochMilli()))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        // Lost with the connection, whose loss was told once: written again when it is back.
                        if (link.isUp()) {
                            warnings.writeFailed(key, failure);
                        }
                        return;
                    }
                    if (Long.valueOf(1).equals(result.get(2))) {
                        warnings.unreadable(key, "it was replaced by this instance's figures");
                    } else {
                        warnings.wellAgain(key);
                    }
                    String kept = String.valueOf(result.get(1));
                    if (Long.valueOf(0).equals(result.get(0)) && !kept.isEmpty() && !kept.equals(record)) {
                        // Another instance got there first with figures further along: this one learns them.
                        learn(key, kept);
                    }
                });
    }

    /** Writes what this instance knows, then reads what the others wrote: after a start or an outage. */
    private void catchUp() {
        Instant now = clock.instant();
        local.snapshot().forEach(this::writeQuota);
        coolDowns.values().removeIf(coolDown -> !coolDown.until().isAfter(now));
        coolDowns.values().forEach(this::writeCoolDown);
        // One connection runs the scripts in order: the read sees the writes above.
        link.run(StoreScript.LOAD, new String[] {keys.index()}).whenComplete((found, failure) -> {
            if (failure != null) {
                if (link.isUp()) {
                    warnings.writeFailed(keys.index(), failure);
                }
                return;
            }
            for (int i = 0; i + 1 < found.size(); i += 2) {
                learn(String.valueOf(found.get(i)), String.valueOf(found.get(i + 1)));
            }
        });
    }

    /** A message on the channel: {@code <instance>\n<key>\n<record>}. */
    private void heard(String message) {
        int first = message.indexOf('\n');
        int second = first < 0 ? -1 : message.indexOf('\n', first + 1);
        if (second < 0) {
            warnings.unreadable(keys.channel(), "a message on it is not the store's");
            return;
        }
        if (message.startsWith(instanceId) && first == instanceId.length()) {
            return;
        }
        String key = message.substring(first + 1, second);
        learn(key, message.substring(second + 1));
    }

    /**
     * Takes one record another instance wrote into the local view: a quota at once, on the thread that
     * heard it (an in-memory merge, no application code); a cool-down on the store's thread, since the
     * routers tell their listeners, which are the application's.
     */
    private void learn(String key, String record) {
        try {
            String[] quotaKey = keys.quotaOf(key);
            if (quotaKey != null) {
                local.record(quotaKey[0], QuotaRecord.decode(quotaKey[1], record));
                return;
            }
            RouteTarget scope = keys.coolDownOf(key);
            if (scope == null) {
                throw new StoreFormatException("the key is not one of the store's");
            }
            TargetUnavailable coolDown = CoolDownRecord.decode(scope, record);
            runOnStoreThread(() -> learn(coolDown));
        } catch (StoreFormatException unreadable) {
            warnings.unreadable(key, unreadable.getMessage());
        }
    }

    private void learn(TargetUnavailable coolDown) {
        if (!coolDown.until().isAfter(clock.instant())) {
            return;
        }
        TargetUnavailable known = coolDowns.get(coolDown.target());
        if (coolDowns.merge(coolDown.target(), coolDown, RedisQuotaStore::laterEnd) == known) {
            // Nothing the routers were not told: an echo, or an end no later than the one they know.
            return;
        }
        for (Consumer<TargetUnavailable> router : routers) {
            router.accept(coolDown);
        }
    }

    private void runOnStoreThread(Runnable task) {
        try {
            storeThread.execute(task);
        } catch (RejectedExecutionException closed) {
            // The application is closing.
        }
    }

    private void changeState(State next, @Nullable Throwable cause) {
        State previous = state;
        if (previous == State.CLOSED || previous == next) {
            return;
        }
        // The problem and the time are written before the state, so whoever reads DOWN also reads why.
        if (next != State.UP) {
            lastProblem = cause == null ? "the connection was lost" : String.valueOf(cause.getMessage());
        }
        stateSince = clock.instant();
        state = next;
        if (next == State.UP) {
            lastProblem = null;
            if (previous == State.DOWN) {
                logger.info("Redis is back: quota and cool-downs are shared again under aifo:{" + keys.prefix()
                        + "}, and what this instance learned meanwhile is written");
            }
        } else {
            logger.warn("Redis cannot be reached (" + lastProblem + "): calls go on with what this instance"
                    + " knows, and quota and cool-downs are shared again when it is back");
        }
    }

    private static TargetUnavailable laterEnd(TargetUnavailable known, TargetUnavailable other) {
        return other.until().isAfter(known.until()) ? other : known;
    }

    private final class LinkEvents implements RedisLink.Events {

        @Override
        public void up() {
            changeState(State.UP, null);
            catchUp();
        }

        @Override
        public void down(@Nullable Throwable cause) {
            changeState(State.DOWN, cause);
        }

        @Override
        public void message(String message) {
            heard(message);
        }
    }

    /**
     * Builds a {@link RedisQuotaStore}.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final AbstractRedisClient client;

        private String keyPrefix = "application";

        private Clock clock = Clock.systemUTC();

        private Duration retryDelay = Duration.ofSeconds(1);

        private Builder(AbstractRedisClient client) {
            Assert.notNull(client, "client must not be null");
            this.client = client;
        }

        /**
         * The application's name, which the keys carry ({@code aifo:{<prefix>}:...}): instances of one
         * application share, other applications on the same Redis keep apart.
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** The clock of months, windows and cool-downs; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            Assert.notNull(clock, "clock must not be null");
            this.clock = clock;
            return this;
        }

        /** How long to wait between attempts to connect the first time; Lettuce reconnects by itself after. */
        public Builder retryDelay(Duration retryDelay) {
            Assert.isTrue(
                    retryDelay != null && !retryDelay.isNegative() && !retryDelay.isZero(),
                    () -> "retryDelay is " + retryDelay + " but must be positive, such as 1s");
            this.retryDelay = retryDelay;
            return this;
        }

        /**
         * The store, not yet connected: {@link RedisQuotaStore#start()} connects it.
         *
         * @throws IllegalArgumentException when the key prefix is blank or holds braces or spaces
         */
        public RedisQuotaStore build() {
            return new RedisQuotaStore(this);
        }
    }
}
