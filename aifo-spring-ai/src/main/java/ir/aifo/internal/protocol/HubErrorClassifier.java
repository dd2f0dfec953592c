package ir.aifo.internal.protocol;

import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the exception type for a failed call from its HTTP status, or, when a hub reports an error
 * with status 200, from the error's type and code.
 *
 * <p>Where the fix is in the application's settings (a refused key, a wrong address), the message says
 * which property to change: the starter's names are the ones most users set.
 *
 * @since 0.1.0
 */
public final class HubErrorClassifier {

    private static final String KEY_PROPERTY = "spring.ai.aifo.api-key";

    private static final String ADDRESS_PROPERTIES = "spring.ai.aifo.base-url and spring.ai.aifo.chat.completions-path";

    private HubErrorClassifier() {}

    /**
     * The exception for an error reply.
     *
     * @param retryAfter the wait the hub asked for in {@code Retry-After}, if any
     * @param uri the address the request was posted to, if known, for messages that name the hub or
     *     the address
     */
    public static RuntimeException classify(HubError error, @Nullable Duration retryAfter, @Nullable URI uri) {
        int status = error.status();
        if (status >= 200 && status < 300) {
            return classifyByKind(error, retryAfter, uri);
        }
        if (status == 401 || status == 403) {
            return refusedKey(error, uri, "refused the API key");
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
        if (status == 404) {
            String where = uri == null ? "at the chat path" : "at " + requestLine(uri);
            return new AifoBadRequestException(
                    error.describe("The hub found nothing " + where + "; check " + ADDRESS_PROPERTIES), error);
        }
        return new AifoBadRequestException(error.describe("The hub rejected the request"), error);
    }

    /**
     * The exception for a key the hub refused, naming the hub's host and the property that holds the
     * key (never the key).
     *
     * @param refusal what the hub did, such as {@code "refused the API key"}
     */
    public static AifoAuthenticationException refusedKey(HubError error, @Nullable URI uri, String refusal) {
        String hub = uri == null ? "The hub" : "The hub at " + hostAndPort(uri);
        return new AifoAuthenticationException(error.describe(hub + " " + refusal + "; check " + KEY_PROPERTY), error);
    }

    private static RuntimeException classifyByKind(HubError error, @Nullable Duration retryAfter, @Nullable URI uri) {
        String kind = ((error.type() == null ? "" : error.type()) + " " + (error.code() == null ? "" : error.code()))
                .toLowerCase(Locale.ROOT);
        if (kind.contains("auth") || kind.contains("api_key") || kind.contains("permission")) {
            return refusedKey(error, uri, "refused the API key");
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

    // Rebuilt from its parts, so that user info and a query (either may hold a secret) stay out.
    private static String requestLine(URI uri) {
        return "POST " + uri.getScheme() + "://" + hostAndPort(uri) + uri.getRawPath();
    }

    private static String hostAndPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
