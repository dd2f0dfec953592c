package ir.aifo.sample.web;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A quota as the page shows it: plan, period (such as {@code 2026-11}), totals, and the buckets: per
 * provider ({@code openai}, {@code openrouter}) for a month's quota, or the {@code requests} and
 * {@code tokens} windows of an OpenAI-compatible hub, without plan or period.
 */
public record QuotaView(
        @Nullable String plan,
        @Nullable String period,
        long used,
        long limit,
        long remaining,
        Map<String, QuotaBucket> buckets) {

    /**
     * A reply's quota, or {@code null} when the figures are only a rate-limit window recast as a quota,
     * which {@link RateLimitView} already shows.
     */
    static @Nullable QuotaView of(@Nullable HubQuota quota) {
        if (quota == null || !quota.isMonthly()) {
            return null;
        }
        return from(quota);
    }

    /** Any quota, a month's or a rate limit's. */
    static QuotaView from(HubQuota quota) {
        return new QuotaView(
                quota.plan(),
                quota.period() == null ? null : quota.period().toString(),
                quota.used(),
                quota.limit(),
                quota.remaining(),
                quota.breakdown());
    }
}
