package ir.aifo.sample.web;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A monthly quota as the page shows it: plan, period (such as {@code 2026-11}), totals, and the
 * buckets per provider ({@code openai}, {@code openrouter}).
 */
public record QuotaView(
        @Nullable String plan,
        @Nullable String period,
        long used,
        long limit,
        long remaining,
        Map<String, QuotaBucket> buckets) {

    /**
     * The quota, or {@code null} when the figures are only a rate-limit window recast as a quota,
     * which {@link RateLimitView} already shows.
     */
    static @Nullable QuotaView of(@Nullable HubQuota quota) {
        if (quota == null || !quota.isMonthly()) {
            return null;
        }
        return new QuotaView(
                quota.plan(),
                quota.period() == null ? null : quota.period().toString(),
                quota.used(),
                quota.limit(),
                quota.remaining(),
                quota.breakdown());
    }
}
