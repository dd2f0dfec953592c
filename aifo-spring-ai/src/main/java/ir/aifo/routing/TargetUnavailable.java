package ir.aifo.routing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Why a route's target did not answer a request, or is cooling down: what a response lists under
 * {@code aifo.fallbacks}, what {@link AifoRouteUnavailableException} lists for each target, and what a
 * {@link RouteListener} is told when a cool-down starts and ends.
 *
 * @param target the target, or the whole hub for a cool-down that covers every target on it
 * @param reason why, in one word
 * @param detail why, in a sentence: the hub's own message where there is one, never the API key
 * @param until when the target may be tried again; {@code null} when it may be tried at once
 * @param sent whether the request reached the hub (a target skipped for its cool-down, its known-spent
 *     quota or a request it cannot carry was not sent)
 * @since 0.1.0
 */
public record TargetUnavailable(
        RouteTarget target,
        Reason reason,
        String detail,
        @Nullable Instant until,
        boolean sent) {

    public TargetUnavailable {
        Assert.notNull(target, "target must not be null");
        Assert.notNull(reason, "reason must not be null");
        Assert.notNull(detail, "detail must not be null");
    }

    /** The same unavailability, seen from another target (a hub's cool-down met by one of its targets). */
    TargetUnavailable forTarget(RouteTarget other, boolean wasSent) {
        return new TargetUnavailable(other, reason, detail, until, wasSent);
    }

    /** This one, lasting until {@code later}. */
    TargetUnavailable until(Instant later) {
        return new TargetUnavailable(target, reason, detail, later, sent);
    }

    @Override
    public String toString() {
        return target + ": " + reason.description() + " (" + detail + ")" + (sent ? "" : ", not sent")
                + (until == null ? "" : ", back at " + until);
    }

    /**
     * Why a target did not answer.
     *
     * @since 0.1.0
     */
    public enum Reason {
        /** The monthly bucket its model draws on is spent; back when the month turns (UTC). */
        QUOTA_SPENT("quota spent"),
        /** The key's plan does not include its model; tried again when the month turns, or on restart. */
        NOT_IN_PLAN("model not in the plan"),
        /** The hub limited the rate ({@code 429}); back when the hub said, or after a configured wait. */
        RATE_LIMITED("rate limited"),
        /** The hub refused the key ({@code 401}, {@code 403}); back after a configured wait. */
        KEY_REFUSED("key refused"),
        /** The hub failed or could not be reached, after its own retries; cools down after several in a row. */
        FAILING("failing"),
        /** The hub's dialect cannot carry the request (tools, several answers or a response format to MyAIHub). */
        UNSUPPORTED("cannot carry the request");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** The reason in words, such as {@code quota spent}. */
        public String description() {
            return description;
        }
    }
}
