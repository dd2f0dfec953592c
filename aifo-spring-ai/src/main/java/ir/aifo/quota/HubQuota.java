package ir.aifo.quota;

import java.io.Serializable;
import java.time.Instant;
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
 * {@link #REQUESTS} and {@link #TOKENS}, each with the end of its window, and leave plan and period
 * empty: their windows are short and are not months. Their totals are the {@code requests} bucket's.
 *
 * @param plan the plan, such as {@code vip}, when reported
 * @param period the calendar month the figures count, when reported
 * @param breakdown the buckets by provider, in the order reported
 * @param observedAt when the reply that reported these figures arrived (the latest such reply, once
 *     merged); {@code null} when not known
 * @since 0.1.0
 */
public record HubQuota(
        @Nullable String plan,
        @Nullable YearMonth period,
        long used,
        long limit,
        long remaining,
        Map<String, QuotaBucket> breakdown,
        @Nullable Instant observedAt)
        implements Serializable {

    /** The provider name MyAIHub uses for OpenRouter models. */
    public static final String OPENROUTER = "openrouter";

    /** The provider name MyAIHub uses for OpenAI (GPT) models. */
    public static final String OPENAI = "openai";

    /** The rate-limit bucket of requests per window. */
    public static final String REQUESTS = "requests";

    /** The rate-limit bucket of tokens per window. */
    public static final String TOKENS = "tokens";

    public HubQuota {
        breakdown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
    }

    /** Figures whose time of observation is not known, such as a month's. */
    public HubQuota(
            @Nullable String plan,
            @Nullable YearMonth period,
            long used,
            long limit,
            long remaining,
            Map<String, QuotaBucket> breakdown) {
        this(plan, period, used, limit, remaining, breakdown, null);
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
     * unless the period changed. A report for an earlier month than the known one is stale and
     * changes nothing.
     *
     * <p>A rate-limit bucket that says when its window ends is judged by its window instead: within one
     * window the figures with less left stay, whatever order the replies are recorded in (a refusal's 0
     * until its own reset); the report wins once the known window had ended when it was observed; and
     * a report from a window that had ended before the known figures were observed changes nothing. A
     * bucket without its window's end is replaced by the report, as before.
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
                provider,
                bucket,
                (known, reported) -> monthly
                        ? (known.used() > reported.used() ? known : reported)
                        : freshest(known, observedAt, reported, newer.observedAt)));
        boolean newerHasTotals = newer.limit > 0 || newer.used > 0 || newer.remaining > 0;
        boolean takeNewerTotals = !samePeriod || (newerHasTotals && !(monthly && used > newer.used));
        QuotaBucket totals = takeNewerTotals ? newer.total() : total();
        if (period == null && newer.period == null && buckets.containsKey(REQUESTS)) {
            totals = buckets.get(REQUESTS);
        }
        return new HubQuota(
                newer.plan != null ? newer.plan : plan,
                newer.period != null ? newer.period : period,
                totals.used(),
                totals.limit(),
                totals.remaining(),
                buckets,
                later(observedAt, newer.observedAt));
    }

    /**
     * The freshest knowledge of one rate-limit bucket from what is known and a report of it, each
     * observed at its time. Replies to concurrent requests are recorded in any order, so the order of
     * recording says nothing; the windows do.
     */
    private static QuotaBucket freshest(
            QuotaBucket known,
            @Nullable Instant knownObservedAt,
            QuotaBucket reported,
            @Nullable Instant reportedObservedAt) {
        if (known.resetsAt() == null
                || reported.resetsAt() == null
                || knownObservedAt == null
                || reportedObservedAt == null) {
            return reported;
        }
        if (!reported.resetsAt().isAfter(knownObservedAt)) {
            // A late reply from a window that had ended before what is known was observed.
            return known;
        }
        if (!known.resetsAt().isAfter(reportedObservedAt)) {
            // The known window had ended when the report was observed: the report counts a new one.
            return reported;
        }
        // One window, in which what is left only goes down; a refusal (0 left) holds until its own reset.
        boolean reportedIsFresher = reported.remaining() != known.remaining()
                ? reported.remaining() < known.remaining()
                : !reported.resetsAt().isBefore(known.resetsAt());
        QuotaBucket fresher = reportedIsFresher ? reported : known;
        QuotaBucket other = reportedIsFresher ? known : reported;
        if (fresher.limit() == 0 && other.limit() > 0) {
            // A refusal need not repeat the limit, which is still the window's.
            long used = Math.max(0, other.limit() - fresher.remaining());
            return new QuotaBucket(used, other.limit(), fresher.remaining(), fresher.resetsAt());
        }
        return fresher;
    }

    private static @Nullable Instant later(@Nullable Instant known, @Nullable Instant reported) {
        if (known == null || reported == null) {
            return reported != null ? reported : known;
        }
        return reported.isAfter(known) ? reported : known;
    }
}
