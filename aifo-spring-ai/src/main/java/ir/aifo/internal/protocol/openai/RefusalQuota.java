package ir.aifo.internal.protocol.openai;

import ir.aifo.internal.protocol.HubRateLimit;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a rate-limit refusal tells of the key's quota: no requests left until the window's reset or the
 * {@code Retry-After}, whichever is later, and whatever else its {@code x-ratelimit-*} headers say.
 */
final class RefusalQuota {

    private RefusalQuota() {}

    static HubQuota of(HttpHeaders headers, @Nullable Duration retryAfter, Instant observedAt) {
        HubRateLimit reported = HubRateLimit.fromHeaders(headers).orElse(null);
        long limit = reported == null ? 0 : reported.requestsLimit();
        Duration reset = reported == null ? Duration.ZERO : reported.requestsReset();
        // The later of the two: a reply to a request sent before the refusal can arrive after a short
        // Retry-After, still counting the window that the refusal said was spent.
        Duration spentFor = retryAfter != null && retryAfter.compareTo(reset) > 0 ? retryAfter : reset;
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>();
        buckets.put(
                HubQuota.REQUESTS,
                new QuotaBucket(limit, limit, 0, spentFor.isZero() ? null : observedAt.plus(spentFor)));
        if (reported != null) {
            reported.toQuota(observedAt)
                    .bucket(HubQuota.TOKENS)
                    .ifPresent(tokens -> buckets.put(HubQuota.TOKENS, tokens));
        }
        return new HubQuota(null, null, limit, limit, 0, buckets, observedAt);
    }
}
