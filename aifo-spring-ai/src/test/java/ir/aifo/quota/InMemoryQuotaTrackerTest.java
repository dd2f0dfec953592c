package ir.aifo.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The default tracker: figures merged per key fingerprint, safely under concurrent replies. */
class InMemoryQuotaTrackerTest {

    private static final YearMonth DECEMBER = YearMonth.of(2025, 12);

    private static final String KEY = "key-7f3c9a1e5b2d";

    private final QuotaTracker tracker = QuotaTracker.inMemory();

    private static HubQuota reply(long openRouterUsed, long openAiUsed) {
        return new HubQuota(
                "vip",
                DECEMBER,
                openRouterUsed + openAiUsed,
                830,
                830 - openRouterUsed - openAiUsed,
                Map.of(
                        "openrouter", new QuotaBucket(openRouterUsed, 750, 750 - openRouterUsed),
                        "openai", new QuotaBucket(openAiUsed, 80, 80 - openAiUsed)));
    }

    private static HubQuota gptSpent(YearMonth period) {
        return new HubQuota("vip", period, 0, 0, 0, Map.of("openai", new QuotaBucket(80, 80, 0)));
    }

    @Test
    void firstReportIsKnownAsItCame() {
        HubQuota known = tracker.record(KEY, reply(10, 2));

        assertThat(known).isEqualTo(reply(10, 2));
        assertThat(tracker.lastKnown(KEY)).contains(reply(10, 2));
    }

    @Test
    void laterReportIsMergedAndTheMergedFiguresAreReturned() {
        tracker.record(KEY, reply(10, 2));

        HubQuota known = tracker.record(KEY, gptSpent(DECEMBER));

        assertThat(known.bucket("openrouter")).contains(new QuotaBucket(10, 750, 740));
        assertThat(known.bucket("openai")).contains(new QuotaBucket(80, 80, 0));
        assertThat(tracker.lastKnown(KEY)).contains(known);
    }

    @Test
    void keysAreKeptApart() {
        String other = "key-000111222333";
        tracker.record(KEY, gptSpent(DECEMBER));
        tracker.record(other, reply(1, 1));

        assertThat(tracker.snapshot()).containsOnlyKeys(KEY, other);
        assertThat(tracker.isExhausted(KEY, "openai", DECEMBER)).isTrue();
        assertThat(tracker.isExhausted(other, "openai", DECEMBER)).isFalse();
        assertThat(tracker.lastKnown("key-000000000000")).isEmpty();
    }

    @Test
    void snapshotIsACopy() {
        tracker.record(KEY, reply(10, 2));
        Map<String, HubQuota> snapshot = tracker.snapshot();

        tracker.record("key-0123456789ab", reply(1, 1));

        assertThat(snapshot).containsOnlyKeys(KEY);
    }

    @Test
    void spentBucketIsExhaustedOnlyInTheMonthItWasReportedFor() {
        tracker.record(KEY, gptSpent(DECEMBER));

        assertThat(tracker.isExhausted(KEY, "openai", DECEMBER)).isTrue();
        assertThat(tracker.isExhausted(KEY, "openai", YearMonth.of(2026, 1))).isFalse();
        assertThat(tracker.isExhausted(KEY, "openai", YearMonth.of(2025, 11))).isFalse();
        assertThat(tracker.isExhausted(KEY, "openrouter", DECEMBER)).isFalse();
        assertThat(tracker.isExhausted("key-unknown", "openai", DECEMBER)).isFalse();
    }

    @Test
    void bucketWithoutAllowanceIsNotExhausted() {
        tracker.record(
                KEY,
                new HubQuota(
                        "pro",
                        DECEMBER,
                        5,
                        750,
                        745,
                        Map.of("openrouter", new QuotaBucket(5, 750, 745), "openai", new QuotaBucket(0, 0, 0))));

        assertThat(tracker.isExhausted(KEY, "openai", DECEMBER)).isFalse();
    }

    @Test
    void rateLimitFiguresWithoutPeriodAreNeverExhaustedForAMonth() {
        tracker.record(KEY, new HubQuota(null, null, 100, 100, 0, Map.of("requests", new QuotaBucket(100, 100, 0))));

        assertThat(tracker.isExhausted(KEY, "requests", DECEMBER)).isFalse();
    }

    @Test
    void concurrentReportsForOneKeyLoseNoBucketUpdate() throws Exception {
        int threads = 8;
        int reportsPerThread = 250;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    boolean sawOwnReports = true;
                    for (int i = 0; i < reportsPerThread; i++) {
                        // Every report names a bucket no other report names: one lost update shows at the end.
                        String provider = "t" + thread + "-" + i;
                        HubQuota known = tracker.record(
                                KEY,
                                new HubQuota(
                                        "vip",
                                        DECEMBER,
                                        0,
                                        0,
                                        0,
                                        Map.of(provider, new QuotaBucket(i, 1000, 1000 - i))));
                        sawOwnReports &= known.bucket(provider).isPresent();
                    }
                    return sawOwnReports;
                }));
            }
            start.countDown();
            for (Future<Boolean> writer : writers) {
                assertThat(writer.get(30, TimeUnit.SECONDS))
                        .as("each writer saw its reports merged")
                        .isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        HubQuota known = tracker.lastKnown(KEY).orElseThrow();
        assertThat(known.breakdown()).hasSize(threads * reportsPerThread);
        for (int t = 0; t < threads; t++) {
            assertThat(known.bucket("t" + t + "-" + (reportsPerThread - 1)))
                    .contains(new QuotaBucket(reportsPerThread - 1, 1000, 1000 - reportsPerThread + 1));
        }
        assertThat(known.plan()).isEqualTo("vip");
        assertThat(known.period()).isEqualTo(DECEMBER);
        assertThat(tracker.snapshot()).containsOnlyKeys(KEY);
    }
}
