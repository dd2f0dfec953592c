package ir.aifo.api;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the exception type for a failed call from its HTTP status, or, when a hub reports an error
 * with status 200, from the error's type and code.
 *
 * @since 0.1.0
 */
public final class HubErrorClassifier {

    private HubErrorClassifier() {}

    /**
     * The exception for an error reply.
     *
     * @param retryAfter the wait the hub asked for in {@code Retry-After}, if any
     */
    public static RuntimeException classify(HubError error, @Nullable Duration retryAfter) {
        int status = error.status();
        if (status >= 200 && status < 300) {
            return classifyByKind(error, retryAfter);
        }
        if (status == 401 || status == 403) {
            return new AifoAuthenticationException(error.describe("The hub refused the API key"), error);
        }
        if (status == 429) {
            return rateLimited(error, retryAfter);
        }
        if (status == 408 || status >= 500) {
            return new AifoServerException(error.describe("The hub failed to answer"), error);
        }
        if (status >= 300 && status < 400) {
            return new AifoBadRequestException(
                    error.describe("The hub answered with a redirect; set the base URL to the address it redirects to"),
                    error);
        }
        return new AifoBadRequestException(error.describe("The hub rejected the request"), error);
    }

    private static RuntimeException classifyByKind(HubError error, @Nullable Duration retryAfter) {
        String kind = ((error.type() == null ? "" : error.type()) + " " + (error.code() == null ? "" : error.code()))
                .toLowerCase(Locale.ROOT);
        if (kind.contains("auth") || kind.contains("api_key") || kind.contains("permission")) {
            return new AifoAuthenticationException(error.describe("The hub refused the API key"), error);
        }
        if (kind.contains("rate_limit")) {
            return rateLimited(error, retryAfter);
        }
        if (kind.contains("invalid") || kind.contains("not_found") || kind.contains("unsupported")) {
            return new AifoBadRequestException(error.describe("The hub rejected the request"), error);
        }
        return new AifoServerException(error.describe("The hub reported an error"), error);
    }

    private static AifoRateLimitException rateLimited(HubError error, @Nullable Duration retryAfter) {
        String summary = retryAfter == null
                ? "The hub's rate limit was reached"
                : "The hub's rate limit was reached; it asked to retry after " + retryAfter.toMillis() + " ms";
        return new AifoRateLimitException(error.describe(summary), error, retryAfter);
    }
}
