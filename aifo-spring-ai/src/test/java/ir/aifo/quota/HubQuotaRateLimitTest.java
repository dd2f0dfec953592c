package ir.aifo.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How a known rate limit is updated by the next report: by the windows the figures were observed in,
 * never by the order in which concurrent replies happen to be recorded.
 */
class HubQuotaRateLimitTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The end of the window the hub counts from {@link #T0}: a minute of at most 10 requests. */
    private static final Instant WINDOW_END = T0.plusSeconds(60);

    private static final Instant NEXT_WINDOW_END = T0.plusSeconds(120);

    private static HubQuota requests(long remaining, Instant observedAt, @Nullable Instant resetsAt) {
        return requests(10, remaining, observedAt, resetsAt);
    }

    private static HubQuota requests(long limit, long remaining, Instant observedAt, @Nullable Instant resetsAt) {
        QuotaBucket bucket = new QuotaBucket(Math.max(0, limit - remaining), limit, remaining, resetsAt);
        return new HubQuota(
                null,
                null,
                bucket.used(),
                bucket.limit(),
                bucket.remaining(),
                Map.of(HubQuota.REQUESTS, bucket),
                observedAt);
    }

    private static HubQuota recordedInOrder(List<HubQuota> reports) {
        HubQuota known = reports.get(0);
        for (HubQuota report : reports.subList(1, reports.size())) {
            known = known.updatedBy(report);
        }
        return known;
    }

    @Test
    void repliesWithinOneWindowKeepTheFewestLeftWhateverOrderTheyAreRecordedIn() {
        // The reply observed last is the slow one: the hub counted its request before the other two.
        HubQuota fast = requests(7, T0.plusSeconds(1), WINDOW_END);
        HubQuota fastest = requests(6, T0.plusSeconds(2), WINDOW_END.plusMillis(3));
        HubQuota slow = requests(9, T0.plusSeconds(3), WINDOW_END.minusMillis(2));

        for (List<HubQuota> order : permutations(List.of(fast, fastest, slow))) {
            HubQuota known = recordedInOrder(order);

            assertThat(known.bucket(HubQuota.REQUESTS))
                    .as("recorded in the order %s", order)
                    .contains(new QuotaBucket(4, 10, 6, WINDOW_END.plusMillis(3)));
            assertThat(known.total()).isEqualTo(new QuotaBucket(4, 10, 6));
            assertThat(known.observedAt()).isEqualTo(T0.plusSeconds(3));
        }
    }

    @Test
    void reportObservedAfterTheWindowEndedStartsAfresh() {
        HubQuota spent = requests(0, T0.plusSeconds(30), WINDOW_END);
        HubQuota nextWindow = requests(9, T0.plusSeconds(61), NEXT_WINDOW_END);

        HubQuota known = spent.updatedBy(nextWindow);

        assertThat(known.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(1, 10, 9, NEXT_WINDOW_END));
        assertThat(known.total()).isEqualTo(new QuotaBucket(1, 10, 9));
    }

    @Test
    void lateReplyFromAWindowThatHadEndedChangesNothing() {
        HubQuota nextWindow = requests(9, T0.plusSeconds(61), NEXT_WINDOW_END);
        HubQuota late = requests(0, T0.plusSeconds(59), WINDOW_END);

        HubQuota known = nextWindow.updatedBy(late);

        assertThat(known.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(1, 10, 9, NEXT_WINDOW_END));
        assertThat(known.observedAt()).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void refusalHoldsNoneLeftWithTheWindowsLimitUntilItsOwnReset() {
        Instant refusalEnds = T0.plusSeconds(90);
        HubQuota before = requests(3, T0.plusSeconds(10), WINDOW_END);
        // A 429 that gives Retry-After but no limit.
        HubQuota refusal = requests(0, 0, T0.plusSeconds(20), refusalEnds);
        HubQuota inFlight = requests(2, T0.plusSeconds(25), WINDOW_END);
        HubQuota afterTheWindowButBeforeTheRefusalEnds = requests(9, T0.plusSeconds(61), NEXT_WINDOW_END);
        HubQuota afterTheRefusalEnds = requests(8, T0.plusSeconds(91), NEXT_WINDOW_END);

        HubQuota refused = before.updatedBy(refusal);
        HubQuota stillRefused = refused.updatedBy(inFlight).updatedBy(afterTheWindowButBeforeTheRefusalEnds);
        HubQuota open = stillRefused.updatedBy(afterTheRefusalEnds);

        assertThat(refused.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(10, 10, 0, refusalEnds));
        assertThat(refused.total()).isEqualTo(new QuotaBucket(10, 10, 0));
        assertThat(stillRefused.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(10, 10, 0, refusalEnds));
        assertThat(open.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(2, 10, 8, NEXT_WINDOW_END));
    }

    @Test
    void refusalRecordedBeforeTheRepliesOfItsWindowStillWins() {
        HubQuota refusal = requests(10, 0, T0.plusSeconds(20), WINDOW_END);
        HubQuota earlierReply = requests(1, T0.plusSeconds(19), WINDOW_END.minusMillis(1));

        HubQuota known = refusal.updatedBy(earlierReply);

        assertThat(known.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(10, 10, 0, WINDOW_END));
    }

    @Test
    void eachBucketIsJudgedByItsOwnWindow() {
        Map<String, QuotaBucket> first = new LinkedHashMap<>();
        first.put(HubQuota.REQUESTS, new QuotaBucket(5, 10, 5, WINDOW_END));
        first.put(HubQuota.TOKENS, new QuotaBucket(100, 1000, 900, T0.plusMillis(20)));
        Map<String, QuotaBucket> second = new LinkedHashMap<>();
        second.put(HubQuota.REQUESTS, new QuotaBucket(2, 10, 8, WINDOW_END));
        second.put(HubQuota.TOKENS, new QuotaBucket(10, 1000, 990, T0.plusMillis(1020)));

        HubQuota known = new HubQuota(null, null, 5, 10, 5, first, T0)
                .updatedBy(new HubQuota(null, null, 2, 10, 8, second, T0.plusSeconds(1)));

        assertThat(known.breakdown())
                .containsEntry(HubQuota.REQUESTS, new QuotaBucket(5, 10, 5, WINDOW_END))
                .containsEntry(HubQuota.TOKENS, new QuotaBucket(10, 1000, 990, T0.plusMillis(1020)));
        assertThat(known.total()).isEqualTo(new QuotaBucket(5, 10, 5));
    }

    @Test
    void reportWithoutItsWindowsEndReplacesTheKnownFigures() {
        HubQuota known = requests(3, T0, WINDOW_END).updatedBy(requests(8, T0.plusSeconds(1), null));

        assertThat(known.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(2, 10, 8));
        assertThat(known.total()).isEqualTo(new QuotaBucket(2, 10, 8));
    }

    @Test
    void reportWithoutTheTimeItWasObservedReplacesTheKnownFigures() {
        QuotaBucket unobserved = new QuotaBucket(2, 10, 8, WINDOW_END);

        HubQuota known = requests(3, T0, WINDOW_END)
                .updatedBy(new HubQuota(null, null, 2, 10, 8, Map.of(HubQuota.REQUESTS, unobserved)));

        assertThat(known.bucket(HubQuota.REQUESTS)).contains(unobserved);
        assertThat(known.observedAt()).isEqualTo(T0);
    }

    @Test
    void bucketWithoutAWindowsEndIsTheSameAsBefore() {
        assertThat(new QuotaBucket(1, 10, 9)).isEqualTo(new QuotaBucket(1, 10, 9, null));
        assertThat(new QuotaBucket(1, 10, 9).resetsAt()).isNull();
        assertThat(new HubQuota("vip", null, 0, 0, 0, Map.of()).observedAt()).isNull();
    }

    private static List<List<HubQuota>> permutations(List<HubQuota> reports) {
        if (reports.size() <= 1) {
            return List.of(reports);
        }
        List<List<HubQuota>> all = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            List<HubQuota> rest = new ArrayList<>(reports);
            HubQuota first = rest.remove(i);
            for (List<HubQuota> tail : permutations(rest)) {
                List<HubQuota> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
