package ir.aifo.internal.protocol;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.RateLimit;

/**
 * The request and token budgets a hub reported for the current window, as Spring AI's {@link RateLimit}.
 *
 * <p>A value the hub did not report reads as 0 (or {@link Duration#ZERO}), as in Spring AI's own
 * empty rate limit, so callers never meet a {@code null}. Applications read it as a {@link RateLimit}.
 */
public record HubRateLimit(
        long requestsLimit,
        long requestsRemaining,
        Duration requestsReset,
        long tokensLimit,
        long tokensRemaining,
        Duration tokensReset)
        implements RateLimit {

    private static final String PREFIX = "x-ratelimit-";

    /**
     * Reads the OpenAI-style {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}} headers.
     *
     * @return the rate limit, or empty when the reply carried none of these headers
     */
    public static Optional<HubRateLimit> fromHeaders(HttpHeaders headers) {
        // One pass over the reply's few headers rather than a case-insensitive lookup for each name.
        String limitRequests = null;
        String remainingRequests = null;
        String resetRequests = null;
        String limitTokens = null;
        String remainingTokens = null;
        String resetTokens = null;
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            String name = header.getKey();
            if (name.length() <= PREFIX.length()
                    || !name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    || header.getValue().isEmpty()) {
                continue;
            }
            String value = header.getValue().get(0).trim();
            switch (name.substring(PREFIX.length()).toLowerCase(Locale.ROOT)) {
                case "limit-requests" -> limitRequests = value;
                case "remaining-requests" -> remainingRequests = value;
                case "reset-requests" -> resetRequests = value;
                case "limit-tokens" -> limitTokens = value;
                case "remaining-tokens" -> remainingTokens = value;
                case "reset-tokens" -> resetTokens = value;
                default -> {}
            }
        }
        if (limitRequests == null
                && remainingRequests == null
                && resetRequests == null
                && limitTokens == null
                && remainingTokens == null
                && resetTokens == null) {
            return Optional.empty();
        }
        return Optional.of(new HubRateLimit(
                count(limitRequests),
                count(remainingRequests),
                ResetDuration.parse(resetRequests),
                count(limitTokens),
                count(remainingTokens),
                ResetDuration.parse(resetTokens)));
    }

    /**
     * These figures as a quota report observed at {@code observedAt}, with buckets {@code requests} and
     * {@code tokens}, each ending its window when its reset says, and no plan or period: rate-limit
     * windows are short and are not calendar months. A bucket the hub said nothing of (no limit and
     * nothing left) is left out, so that it cannot hide what an earlier reply said of it.
     */
    public HubQuota toQuota(Instant observedAt) {
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>();
        QuotaBucket requests = bucket(requestsLimit, requestsRemaining, requestsReset, observedAt);
        QuotaBucket tokens = bucket(tokensLimit, tokensRemaining, tokensReset, observedAt);
        if (requests != null) {
            buckets.put(HubQuota.REQUESTS, requests);
        }
        if (tokens != null) {
            buckets.put(HubQuota.TOKENS, tokens);
        }
        QuotaBucket totals = requests != null ? requests : new QuotaBucket(0, 0, 0);
        return new HubQuota(null, null, totals.used(), totals.limit(), totals.remaining(), buckets, observedAt);
    }

    private static @Nullable QuotaBucket bucket(long limit, long remaining, Duration reset, Instant observedAt) {
        if (limit == 0 && remaining == 0) {
            return null;
        }
        // A reset of 0 says nothing of the window (or that it is over): these figures then simply replace.
        Instant resetsAt = reset.isZero() ? null : observedAt.plus(reset);
        return new QuotaBucket(Math.max(0, limit - remaining), limit, remaining, resetsAt);
    }

    // A malformed count is reported as unknown (0) rather than failing a reply that otherwise succeeded.
    private static long count(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notAWholeNumber) {
            try {
                return (long) Double.parseDouble(value);
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
    }

    @Override
    public Long getRequestsLimit() {
        return requestsLimit;
    }

    @Override
    public Long getRequestsRemaining() {
        return requestsRemaining;
    }

    @Override
    public Duration getRequestsReset() {
        return requestsReset;
    }

    @Override
    public Long getTokensLimit() {
        return tokensLimit;
    }

    @Override
    public Long getTokensRemaining() {
        return tokensRemaining;
    }

    @Override
    public Duration getTokensReset() {
        return tokensReset;
    }
}
