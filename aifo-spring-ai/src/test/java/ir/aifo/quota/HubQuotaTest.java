package ir.aifo.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a known quota is updated by the next report, and when a bucket counts as spent. */
class HubQuotaTest {

    private static final YearMonth DECEMBER = YearMonth.of(2025, 12);

    private static final YearMonth JANUARY = YearMonth.of(2026, 1);

    /** The figures of the document's successful reply (section 6). */
    private static final HubQuota DOCUMENTS_REPLY = new HubQuota(
            "vip",
            DECEMBER,
            12,
            830,
            818,
            ordered("openrouter", new QuotaBucket(10, 750, 740), "openai", new QuotaBucket(2, 80, 78)));

    /** The figures of the document's GPT quota error (section 8.4): one bucket, no totals. */
    private static final HubQuota GPT_SPENT =
            new HubQuota("vip", DECEMBER, 0, 0, 0, Map.of("openai", new QuotaBucket(80, 80, 0)));

    @Test
    void partialReportReplacesItsBucketAndKeepsTheOthersAndTheTotals() {
        HubQuota merged = DOCUMENTS_REPLY.updatedBy(GPT_SPENT);

        assertThat(merged.breakdown())
                .containsExactly(
                        entry("openrouter", new QuotaBucket(10, 750, 740)),
                        entry("openai", new QuotaBucket(80, 80, 0)));
        assertThat(merged.plan()).isEqualTo("vip");
        assertThat(merged.period()).isEqualTo(DECEMBER);
        assertThat(merged.used()).isEqualTo(12);
        assertThat(merged.limit()).isEqualTo(830);
        assertThat(merged.remaining()).isEqualTo(818);
    }

    @Test
    void newerTotalsWin() {
        HubQuota newer =
                new HubQuota("vip", DECEMBER, 13, 830, 817, Map.of("openrouter", new QuotaBucket(11, 750, 739)));

        HubQuota merged = DOCUMENTS_REPLY.updatedBy(newer);

        assertThat(merged.used()).isEqualTo(13);
        assertThat(merged.limit()).isEqualTo(830);
        assertThat(merged.remaining()).isEqualTo(817);
        assertThat(merged.bucket("openrouter")).contains(new QuotaBucket(11, 750, 739));
        assertThat(merged.bucket("openai")).contains(new QuotaBucket(2, 80, 78));
    }

    @Test
    void newerTotalsWinEvenWhenTheyAreLower() {
        // An add-on bought mid-month raises the limit; a plan downgrade lowers it.
        HubQuota downgraded = new HubQuota("pro", DECEMBER, 12, 750, 738, Map.of());

        HubQuota merged = DOCUMENTS_REPLY.updatedBy(downgraded);

        assertThat(merged.plan()).isEqualTo("pro");
        assertThat(merged.limit()).isEqualTo(750);
        assertThat(merged.remaining()).isEqualTo(738);
    }

    @Test
    void reportForANewMonthDropsTheOldMonthsBuckets() {
        HubQuota january =
                new HubQuota("vip", JANUARY, 1, 830, 829, Map.of("openrouter", new QuotaBucket(1, 750, 749)));

        HubQuota merged = DOCUMENTS_REPLY.updatedBy(january);

        assertThat(merged.period()).isEqualTo(JANUARY);
        assertThat(merged.breakdown()).containsOnly(entry("openrouter", new QuotaBucket(1, 750, 749)));
        assertThat(merged.used()).isEqualTo(1);
        assertThat(merged.remaining()).isEqualTo(829);
    }

    @Test
    void partialReportForANewMonthDoesNotCarryLastMonthsTotals() {
        HubQuota spentInJanuary = new HubQuota(null, JANUARY, 0, 0, 0, Map.of("openai", new QuotaBucket(80, 80, 0)));

        HubQuota merged = DOCUMENTS_REPLY.updatedBy(spentInJanuary);

        assertThat(merged.period()).isEqualTo(JANUARY);
        assertThat(merged.breakdown()).containsOnlyKeys("openai");
        assertThat(merged.used()).isZero();
        assertThat(merged.limit()).isZero();
        assertThat(merged.plan()).as("the plan is not monthly").isEqualTo("vip");
    }

    @Test
    void lateReportFromTheMonthBeforeDoesNotReplaceThisMonthsFigures() {
        // A request sent at 23:59:59 whose reply is recorded after the first reply of the new month.
        HubQuota january = new HubQuota("vip", JANUARY, 1, 830, 829, Map.of("openai", new QuotaBucket(1, 80, 79)));

        HubQuota merged = january.updatedBy(GPT_SPENT);

        assertThat(merged).isEqualTo(january);
    }

    @Test
    void reportWithoutPeriodOrPlanKeepsTheKnownOnes() {
        HubQuota rateLimits = new HubQuota(null, null, 5, 100, 95, Map.of("requests", new QuotaBucket(5, 100, 95)));

        HubQuota merged = DOCUMENTS_REPLY.updatedBy(rateLimits);

        assertThat(merged.plan()).isEqualTo("vip");
        assertThat(merged.period()).isEqualTo(DECEMBER);
        assertThat(merged.breakdown()).containsOnlyKeys("openrouter", "openai", "requests");
    }

    @Test
    void updatingLeavesBothReportsUnchanged() {
        DOCUMENTS_REPLY.updatedBy(GPT_SPENT);

        assertThat(DOCUMENTS_REPLY.bucket("openai")).contains(new QuotaBucket(2, 80, 78));
        assertThat(GPT_SPENT.breakdown()).containsOnlyKeys("openai");
    }

    @Test
    void breakdownIsACopyThatCannotBeChanged() {
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>();
        buckets.put("openai", new QuotaBucket(2, 80, 78));
        HubQuota quota = new HubQuota("vip", DECEMBER, 2, 80, 78, buckets);

        buckets.put("openrouter", new QuotaBucket(0, 750, 750));

        assertThat(quota.breakdown()).containsOnlyKeys("openai");
        assertThatThrownBy(() -> quota.breakdown().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bucketIsFoundByProvider() {
        assertThat(DOCUMENTS_REPLY.bucket("openai")).contains(new QuotaBucket(2, 80, 78));
        assertThat(DOCUMENTS_REPLY.bucket("anthropic")).isEmpty();
    }

    @Test
    void bucketWithNothingLeftIsExhausted() {
        assertThat(new QuotaBucket(80, 80, 0).isExhausted()).isTrue();
        assertThat(new QuotaBucket(81, 80, -1).isExhausted()).isTrue();
        assertThat(new QuotaBucket(79, 80, 1).isExhausted()).isFalse();
    }

    @Test
    void bucketWithoutAnyAllowanceIsNotExhausted() {
        // A PRO plan has no GPT requests at all: the hub answers that with its plan error, not a quota error.
        assertThat(new QuotaBucket(0, 0, 0).isExhausted()).isFalse();
    }

    private static Map<String, QuotaBucket> ordered(String first, QuotaBucket a, String second, QuotaBucket b) {
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>();
        buckets.put(first, a);
        buckets.put(second, b);
        return buckets;
    }
}
