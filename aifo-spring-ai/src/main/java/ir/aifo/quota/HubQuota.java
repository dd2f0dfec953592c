package ir.aifo.quota;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The quota a hub reported with a reply or an error: the plan, the period, the totals, and the
 * buckets per provider ({@code openrouter}, {@code openai}) that the hub counts separately.
 *
 * <p>Hubs that report rate limits instead (the OpenAI-compatible ones) fill the buckets
 * {@code requests} and {@code tokens} and leave plan and period empty: their windows are short and
 * are not months.
 *
 * @param plan the plan, such as {@code vip}, when reported
 * @param period the calendar month the figures count, when reported
 * @param breakdown the buckets by provider, in the order reported
 * @since 0.1.0
 */
public record HubQuota(
        @Nullable String plan,
        @Nullable YearMonth period,
        long used,
        long limit,
        long remaining,
        Map<String, QuotaBucket> breakdown)
        implements Serializable {

    /** The provider name MyAIHub uses for OpenRouter models. */
    public static final String OPENROUTER = "openrouter";

    /** The provider name MyAIHub uses for OpenAI (GPT) models. */
    public static final String OPENAI = "openai";

    public HubQuota {
        breakdown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
    }

    /** Whether these are a month's figures (MyAIHub's), rather than a rate limit's short windows. */
    public boolean isMonthly() {
        return period != null;
    }

    /** The totals, as one bucket. */
    public QuotaBucket total() {
        return new QuotaBucket(used, limit, remaining);
    }

    /** The bucket of one provider, if the hub reported it. */
    public Optional<QuotaBucket> bucket(String provider) {
        return Optional.ofNullable(breakdown.get(provider));
    }

    /**
     * These figures updated by a later, possibly partial, report: the newer report's fields win (but
     * within one month a bucket's count never goes back), and buckets it did not mention are kept
     * unless the period changed. A report for an earlier month
     * than the known one is stale and changes nothing.
     */
    public HubQuota updatedBy(HubQuota newer) {
        if (period != null && newer.period != null && newer.period.isBefore(period)) {
            // A reply to a request sent just before midnight can be recorded after the new month's first
            // reply; taking it would bring back last month's buckets and lose this month's.
            return this;
        }
        boolean samePeriod = newer.period == null || newer.period.equals(period);
        // Within one month a count only grows: concurrent replies can be recorded out of order, and
        // the one that counted more requests is the later one, whatever the order of arrival.
        boolean monthly = samePeriod && isMonthly();
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>(samePeriod ? breakdown : Map.of());
        newer.breakdown.forEach((provider, bucket) -> buckets.merge(
                provider, bucket, (known, reported) -> monthly && known.used() > reported.used() ? known : reported));
        boolean newerHasTotals = newer.limit > 0 || newer.used > 0 || newer.remaining > 0;
        boolean takeNewerTotals = !samePeriod || (newerHasTotals && !(monthly && used > newer.used));
        return new HubQuota(
                newer.plan != null ? newer.plan : plan,
                newer.period != null ? newer.period : period,
                takeNewerTotals ? newer.used : used,
                takeNewerTotals ? newer.limit : limit,
                takeNewerTotals ? newer.remaining : remaining,
                buckets);
    }
}
