package ir.aifo.quota.redis;

import static ir.aifo.quota.redis.TwoInstances.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ch.qos.logback.classic.Level;
import io.lettuce.core.RedisClient;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.redis.testing.RedisServer;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.routing.TargetUnavailable.Reason;
import ir.aifo.testing.LogCapture;
import ir.aifo.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stores on one real Redis, as two instances of an application. */
class RedisQuotaStoreTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    private static final String KEY = "key-0123456789ab";

    @RegisterExtension
    final LogCapture logs = LogCapture.of(RedisQuotaStore.class).at(Level.INFO);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    private final TwoInstances instances = new TwoInstances(redis, clock);

    @AfterEach
    void close() {
        instances.close();
    }

    @Test
    void aSpentBucketReachesTheOtherInstanceWithin100Milliseconds() throws IOException {
        RedisQuotaStore a = instances.instance();
        RedisQuotaStore b = instances.instance();
        List<Long> micros = new ArrayList<>();

        for (int i = 0; i < 30; i++) {
            String key = "key-" + String.format("%012d", i);
            a.record(key, gpt(80, 0));
            Duration delay =
                    await(Duration.ofSeconds(5), () -> b.isExhausted(key, HubQuota.OPENAI, DECEMBER), "B to learn it");
            micros.add(delay.toNanos() / 1000);
        }

        Collections.sort(micros);
        Path report = Path.of("target", "redis-propagation.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(
                report,
                "A spent bucket from one store to the other through Redis on loopback, 30 samples, microseconds:"
                        + " median " + micros.get(15) + ", min " + micros.get(0) + ", max " + micros.get(29) + "\n");
        assertThat(micros.get(29)).isLessThan(100_000);
    }

    @Test
    void withinOneMonthTheFiguresOnlyMoveTowardsSpentWhicheverInstanceWritesFirst() {
        RedisQuotaStore a = instances.instance();
        RedisQuotaStore b = instances.instance();
        List<Integer> counts =
                new ArrayList<>(IntStream.rangeClosed(1, 200).boxed().toList());
        Collections.shuffle(counts, new java.util.Random(7));
        ExecutorService callers = Executors.newFixedThreadPool(8);

        for (int i = 0; i < counts.size(); i++) {
            RedisQuotaStore instance = i % 2 == 0 ? a : b;
            int used = counts.get(i);
            callers.execute(() -> instance.record(KEY, gpt(used, 200 - used)));
        }
        callers.shutdown();

        await(Duration.ofSeconds(10), () -> used(a) == 200 && used(b) == 200, "both to know the last count");
        await(
                Duration.ofSeconds(5),
                () -> redisValue(instances.key("quota:" + KEY + ":openai")).startsWith("q1|m|2026-12|200|200|0|"),
                "Redis to hold the last count");
    }

    @Test
    void aNewMonthStartsCleanAndAReportFromTheMonthBeforeChangesNothing() {
        RedisQuotaStore a = instances.instance();
        RedisQuotaStore b = instances.instance();
        a.record(KEY, gpt(80, 0));
        await(Duration.ofSeconds(5), () -> b.isExhausted(KEY, HubQuota.OPENAI, DECEMBER), "B to learn it");

        clock.set(Instant.parse("2027-01-01T00:00:01Z"));
        a.record(
                KEY,
                new HubQuota(
                        "vip",
                        YearMonth.of(2027, 1),
                        1,
                        1080,
                        1079,
                        Map.of(HubQuota.OPENAI, new QuotaBucket(1, 80, 79))));
        await(Duration.ofSeconds(5), () -> used(b) == 1, "B to learn January's figures");
        b.record(KEY, gpt(80, 0));

        assertThat(b.isExhausted(KEY, HubQuota.OPENAI, YearMonth.of(2027, 1))).isFalse();
        await(
                Duration.ofSeconds(5),
                () -> redisValue(instances.key("quota:" + KEY + ":openai")).startsWith("q1|m|2027-01|1|80|79|"),
                "Redis to keep January's figures");
    }

    @Test
    void aRateLimitWindowKeepsItsLowestRemainingAndARefusalItsLimit() {
        RedisQuotaStore a = instances.instance();
        RedisQuotaStore b = instances.instance();
        Instant now = clock.instant();
        Instant resets = now.plusSeconds(20);

        a.record(KEY, window(new QuotaBucket(0, 0, 0, resets), now));
        b.record(KEY, window(new QuotaBucket(3, 10, 7, resets.minusMillis(5)), now.minusMillis(5)));

        // B's reply counted less than A's refusal: B learns from Redis that the window is spent.
        await(
                Duration.ofSeconds(5),
                () -> requests(b).remaining() == 0 && requests(b).limit() == 10,
                "B to learn the window is spent");
        // B may learn A's refusal from Redis before its own write, made on the store's thread, lands there.
        String requestsKey = instances.key("quota:" + KEY + ":requests");
        await(
                Duration.ofSeconds(5),
                () -> String.valueOf(redisValue(requestsKey)).startsWith("q1|w||10|10|0|"),
                "Redis to hold both replies' figures");
        assertThat(redisValue(requestsKey)).startsWith("q1|w||10|10|0|");
        long ttl = Long.parseLong(command("PTTL " + requestsKey));
        assertThat(ttl).isBetween(1L, 20_000L);
    }

    @Test
    void aCoolDownReachesTheOtherInstancesRoutersAndTheLaterEndWins() {
        RedisQuotaStore a = instances.instance();
        RedisQuotaStore b = instances.instance();
        List<TargetUnavailable> learnedByB = new CopyOnWriteArrayList<>();
        b.connect(learnedByB::add);
        RouteTarget hub = RouteTarget.wholeHub("aifo");
        Instant later = clock.instant().plusSeconds(60);

        a.share(new TargetUnavailable(hub, Reason.RATE_LIMITED, "429: slow down", later, true));
        await(Duration.ofSeconds(5), () -> !learnedByB.isEmpty(), "B's router to learn the cool-down");
        b.share(new TargetUnavailable(
                hub, Reason.RATE_LIMITED, "429", clock.instant().plusSeconds(10), true));

        assertThat(learnedByB).singleElement().satisfies(coolDown -> {
            assertThat(coolDown.target()).isEqualTo(hub);
            assertThat(coolDown.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(coolDown.detail()).isEqualTo("429: slow down");
            assertThat(coolDown.until()).isEqualTo(later);
        });
        await(
                Duration.ofSeconds(5),
                () -> redisValue(instances.key("cooldown:aifo"))
                        .equals("c1|RATE_LIMITED|" + later.toEpochMilli() + "|1|429: slow down"),
                "Redis to keep the later end");
        // A store started now learns the cool-downs still running, and hands them to its router.
        RedisQuotaStore c = instances.instance();
        List<TargetUnavailable> learnedByC = new CopyOnWriteArrayList<>();
        await(
                Duration.ofSeconds(5),
                () -> {
                    c.connect(learnedByC::add);
                    return !learnedByC.isEmpty();
                },
                "a new instance to learn it");
    }

    @Test
    void valuesAnotherProgramWroteAreIgnoredWithAWarningNamingTheKey() throws IOException {
        String garbage = instances.key("quota:" + KEY + ":openai");
        String wrongType = instances.key("cooldown:aifo");
        redis.command("SET " + garbage + " q1|m|2026-1");
        redis.command("HSET " + wrongType + " until 12");
        redis.command("SADD " + instances.key("index") + " " + garbage + " " + wrongType);

        RedisQuotaStore a = instances.instance();
        await(Duration.ofSeconds(5), () -> warnings().size() == 2, "a warning for each key");
        assertThat(a.lastKnown(KEY)).isEmpty();
        redis.command("PUBLISH " + instances.key("changes") + " nonsense");
        await(Duration.ofSeconds(5), () -> warnings().size() == 3, "a warning for the message");

        a.record(KEY, gpt(10, 70));
        await(
                Duration.ofSeconds(5),
                () -> redisValue(garbage).startsWith("q1|m|2026-12|10|80|70|"),
                "the store's figures to replace the bad value");
        assertThat(warnings())
                .anySatisfy(warning -> assertThat(warning).contains(garbage))
                .anySatisfy(warning -> assertThat(warning).contains(wrongType))
                .anySatisfy(warning -> assertThat(warning).contains(instances.key("changes")));
    }

    @Test
    void redisAwayIsNotTheApplicationAwayAndWhatWasLearnedMeanwhileIsSharedWhenItIsBack() throws IOException {
        RedisQuotaStore a = instances.instance();
        RedisQuotaStore b = instances.instance();
        List<TargetUnavailable> learnedByB = new CopyOnWriteArrayList<>();
        b.connect(learnedByB::add);

        redis.kill();
        await(
                Duration.ofSeconds(10),
                () -> a.getState() == RedisQuotaStore.State.DOWN && b.getState() == RedisQuotaStore.State.DOWN,
                "both to see Redis gone");
        a.record(KEY, gpt(80, 0));
        a.share(new TargetUnavailable(
                RouteTarget.wholeHub("aifo"),
                Reason.KEY_REFUSED,
                "401",
                clock.instant().plusSeconds(300),
                true));
        assertThat(a.isExhausted(KEY, HubQuota.OPENAI, DECEMBER)).isTrue();
        assertThat(b.isExhausted(KEY, HubQuota.OPENAI, DECEMBER)).isFalse();

        redis.restart();
        await(Duration.ofSeconds(20), () -> b.isExhausted(KEY, HubQuota.OPENAI, DECEMBER), "B to learn it");
        await(Duration.ofSeconds(5), () -> learnedByB.size() == 1, "B's router to learn A's cool-down");
        assertThat(a.getState()).isEqualTo(RedisQuotaStore.State.UP);
        // Sharing goes on as before: what B learns now reaches A.
        b.record("key-fedcba987654", gpt(80, 0));
        await(
                Duration.ofSeconds(5),
                () -> a.isExhausted("key-fedcba987654", HubQuota.OPENAI, DECEMBER),
                "A to learn what B learned after the outage");
        long indexLivesFor = Long.parseLong(command("PTTL " + instances.key("index")));
        assertThat(indexLivesFor).isGreaterThan(Duration.ofDays(20).toMillis());
        assertThat(logs.events())
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .hasSize(2)
                .allSatisfy(warning -> assertThat(warning.getFormattedMessage()).startsWith("Redis cannot be reached"));
        await(
                Duration.ofSeconds(5),
                () -> logs.events().stream()
                                .filter(event -> event.getLevel() == Level.INFO)
                                .count()
                        == 2,
                "one line from each that Redis is back");
    }

    @Test
    void aStoreStartedWhileRedisIsAwaySaysSoOnceAndConnectsWhenItComes() throws IOException {
        redis.kill();
        RedisQuotaStore a = instances.started();
        a.record(KEY, gpt(80, 0));
        await(Duration.ofSeconds(5), () -> a.getState() == RedisQuotaStore.State.DOWN, "the store to give up");
        assertThat(a.getLastProblem()).get().asString().contains("127.0.0.1");

        redis.restart();
        await(Duration.ofSeconds(10), () -> a.getState() == RedisQuotaStore.State.UP, "the store to connect");
        RedisQuotaStore b = instances.instance();
        await(Duration.ofSeconds(5), () -> b.isExhausted(KEY, HubQuota.OPENAI, DECEMBER), "B to learn A's figures");
        assertThat(logs.events())
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .hasSize(1);
    }

    @Test
    void theKeyPrefixIsTheApplicationsNameAndCarriesNoBraces() {
        RedisClient client = RedisClient.create(redis.uri());
        try {
            assertThatIllegalArgumentException()
                    .isThrownBy(
                            () -> RedisQuotaStore.builder(client).keyPrefix(" ").build())
                    .withMessageContaining("must not be blank");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RedisQuotaStore.builder(client)
                            .keyPrefix("{orders}")
                            .build())
                    .withMessageContaining("must not contain braces");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private List<String> warnings() {
        return logs.events().stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(event -> event.getFormattedMessage())
                .toList();
    }

    private static HubQuota gpt(long used, long remaining) {
        return new HubQuota(
                "vip",
                DECEMBER,
                used,
                used + remaining,
                remaining,
                Map.of(HubQuota.OPENAI, new QuotaBucket(used, used + remaining, remaining)));
    }

    private static HubQuota window(QuotaBucket requests, Instant observedAt) {
        return new HubQuota(
                null,
                null,
                requests.used(),
                requests.limit(),
                requests.remaining(),
                Map.of(HubQuota.REQUESTS, requests),
                observedAt);
    }

    private static long used(RedisQuotaStore store) {
        return store.lastKnown(KEY)
                .flatMap(quota -> quota.bucket(HubQuota.OPENAI))
                .map(QuotaBucket::used)
                .orElse(0L);
    }

    private static QuotaBucket requests(RedisQuotaStore store) {
        return store.lastKnown(KEY)
                .flatMap(quota -> quota.bucket(HubQuota.REQUESTS))
                .orElse(new QuotaBucket(0, 0, -1));
    }

    private static String redisValue(String key) {
        return command("GET " + key);
    }

    private static String command(String inline) {
        try {
            return redis.command(inline);
        } catch (IOException unreachable) {
            throw new UncheckedIOException(unreachable);
        }
    }
}
