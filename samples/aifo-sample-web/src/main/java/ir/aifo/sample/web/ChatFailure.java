package ir.aifo.sample.web;

import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.routing.AifoRouteUnavailableException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error} event the page shows when a reply fails: a short sentence a person can act on,
 * and the hub's own words when they help (MyAIHub explains quota and plan errors in Persian).
 *
 * <p>Built from the exception's type and fields, never from its stack trace or the whole exception
 * message, which may quote an HTML error page; the library keeps the API key out of every field.
 *
 * @param kind a stable name for the failure, for the page's styling and for tests
 * @param message what happened and what to do, in English
 * @param hubMessage the hub's own message, when it is worth showing
 * @param status the hub's HTTP status, or 0 when there was no reply
 * @param quota the quota the hub reported with a spent-quota error
 */
public record ChatFailure(
        String kind,
        String message,
        @Nullable String hubMessage,
        int status,
        @Nullable QuotaView quota) {

    private static final int MAX_HUB_MESSAGE = 300;

    /** A message with no text: nothing was sent. */
    static ChatFailure emptyMessage() {
        return new ChatFailure("invalid", "Type a message first.", null, 0, null);
    }

    /**
     * Describes {@code failure} for a person. The library's exception may arrive wrapped (by Reactor or
     * a retry), so the cause chain is searched for it.
     */
    static ChatFailure of(Throwable failure) {
        Throwable cause = meaningfulCause(failure);
        if (cause instanceof AifoRouteUnavailableException unavailable) {
            return RouteFailure.of(unavailable, Clock.systemUTC());
        }
        if (cause instanceof AifoAuthenticationException auth) {
            return fromHub("auth", "The hub did not accept the API key. Check the hub's api-key.", auth, null);
        }
        if (cause instanceof AifoQuotaExceededException spent) {
            String provider = spent.getProvider() == null ? "" : " for " + spent.getProvider();
            String plan = spent.getQuota()
                    .map(quota -> quota.plan() == null ? "" : " on the " + quota.plan() + " plan")
                    .orElse("");
            return fromHub(
                    "quota",
                    "This month's quota" + provider + " is used up" + plan
                            + ". It renews at the start of next month; until then choose a model from another provider.",
                    spent,
                    QuotaView.of(spent.getQuota().orElse(null)));
        }
        if (cause instanceof AifoModelNotInPlanException notInPlan) {
            String plan = notInPlan.getPlan() == null ? "your plan" : "the " + notInPlan.getPlan() + " plan";
            return fromHub(
                    "plan",
                    "The model is not included in " + plan + ". Choose another model (AIFO_MODEL).",
                    notInPlan,
                    null);
        }
        if (cause instanceof AifoRateLimitException rateLimited) {
            String wait = rateLimited
                    .getRetryAfter()
                    .map(ChatFailure::seconds)
                    .map(seconds -> " Try again in " + seconds + ".")
                    .orElse(" Try again in a moment.");
            return fromHub("rate-limit", "The hub is receiving too many requests." + wait, rateLimited, null);
        }
        if (cause instanceof AifoBadRequestException badRequest) {
            return fromHub("bad-request", "The hub refused the request.", badRequest, null);
        }
        if (cause instanceof AifoServerException server) {
            // The hub's text here may be a proxy's HTML page: the status says enough.
            return new ChatFailure(
                    "hub",
                    "The hub had a problem answering and did not recover after retrying. Try again in a moment.",
                    null,
                    server.getStatusCode(),
                    null);
        }
        if (cause instanceof AifoConnectionException) {
            // Its message names the address, which may carry a proxy's credentials: not repeated here.
            return new ChatFailure(
                    "connection", "Could not reach the hub. Check its address and the network.", null, 0, null);
        }
        if (cause instanceof IllegalArgumentException invalid) {
            // The library checks options and prompts before sending and names the field at fault.
            return new ChatFailure("invalid", "The request was not sent: " + invalid.getMessage(), null, 0, null);
        }
        return new ChatFailure(
                "unexpected", "Something went wrong while answering; the server's log has the details.", null, 0, null);
    }

    /** Whether the failure is one the hub or the input explains, so that its stack trace is noise in the log. */
    static boolean isExplained(Throwable failure) {
        Throwable cause = meaningfulCause(failure);
        return cause instanceof AifoException || cause instanceof IllegalArgumentException;
    }

    private static ChatFailure fromHub(String kind, String message, AifoException failure, @Nullable QuotaView quota) {
        return new ChatFailure(
                kind, message, hubMessage(failure.getHubError().message()), failure.getStatusCode(), quota);
    }

    /** The hub's own message, cut to a readable length; {@code null} when it has none. */
    static @Nullable String hubMessage(AifoException failure) {
        return hubMessage(failure.getHubError().message());
    }

    private static Throwable meaningfulCause(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof AifoException || cause instanceof IllegalArgumentException) {
                return cause;
            }
        }
        return failure;
    }

    private static @Nullable String hubMessage(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String trimmed = message.strip();
        return trimmed.length() <= MAX_HUB_MESSAGE ? trimmed : trimmed.substring(0, MAX_HUB_MESSAGE) + "…";
    }

    static String seconds(Duration wait) {
        return Math.max(1, wait.toSeconds()) + " s";
    }
}
