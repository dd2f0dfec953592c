package ir.aifo.sample.web;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.RateLimit;

/** The request and token budgets of the hub's current window, as the page shows them. */
public record RateLimitView(
        long requestsLimit,
        long requestsRemaining,
        long requestsResetMillis,
        long tokensLimit,
        long tokensRemaining,
        long tokensResetMillis) {

    /** The figures, or {@code null} when the hub reported none (Spring AI then gives an empty rate limit). */
    static @Nullable RateLimitView of(@Nullable RateLimit rateLimit) {
        if (rateLimit == null) {
            return null;
        }
        long requestsLimit = orZero(rateLimit.getRequestsLimit());
        long tokensLimit = orZero(rateLimit.getTokensLimit());
        if (requestsLimit == 0 && tokensLimit == 0) {
            return null;
        }
        return new RateLimitView(
                requestsLimit,
                orZero(rateLimit.getRequestsRemaining()),
                rateLimit.getRequestsReset() == null
                        ? 0
                        : rateLimit.getRequestsReset().toMillis(),
                tokensLimit,
                orZero(rateLimit.getTokensRemaining()),
                rateLimit.getTokensReset() == null
                        ? 0
                        : rateLimit.getTokensReset().toMillis());
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }
}
