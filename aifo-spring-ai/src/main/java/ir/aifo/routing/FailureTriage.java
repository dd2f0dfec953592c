package ir.aifo.routing;

import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.protocol.UnsupportedRequestException;
import ir.aifo.internal.routing.QuotaInFlightException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.routing.TargetUnavailable.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for a target's failure, whether the route moves on and how long the target waits.
 *
 * <p>It moves on after what is the target's own: a spent quota, a model outside the plan, a rate
 * limit, a refused key, a failure or an unreachable hub (after the hub's own retries), an address that
 * is wrong for that hub (404, a redirect), a request that its dialect cannot carry. It stops after what
 * would fail everywhere (a 400: the request itself is wrong), and after any failure once the hub had
 * answered with a success status and then failed (a body cut or unreadable): the hub may already have
 * answered and billed the request, and a second target would answer it twice.
 */
final class FailureTriage {

    private final Clock clock;

    private final Duration keyRefusedCoolDown;

    private final Duration rateLimitCoolDown;

    FailureTriage(Clock clock, Duration keyRefusedCoolDown, Duration rateLimitCoolDown) {
        this.clock = clock;
        this.keyRefusedCoolDown = keyRefusedCoolDown;
        this.rateLimitCoolDown = rateLimitCoolDown;
    }

    /**
     * Why {@code target} did not answer, with the end of the cool-down it starts; {@code null} when the
     * failure must reach the caller instead.
     */
    @Nullable
    TargetUnavailable triage(RouteTarget target, Throwable failure) {
        if (failure instanceof UnsupportedRequestException unsupported) {
            return new TargetUnavailable(target, Reason.UNSUPPORTED, unsupported.getMessage(), null, false);
        }
        if (!(failure instanceof AifoException hubFailure)) {
            return null;
        }
        boolean sent = hubFailure.getStatusCode() != 0 || isUnreachable(failure);
        Instant now = clock.instant();
        if (failure instanceof QuotaInFlightException) {
            // Not spent yet: should a request in flight fail, its request is left for the next call.
            return new TargetUnavailable(
                    target, Reason.QUOTA_SPENT, "every request its bucket has left is in flight", null, false);
        }
        if (failure instanceof AifoQuotaExceededException spent) {
            return new TargetUnavailable(target, Reason.QUOTA_SPENT, spentDetail(spent), monthAfter(spent, now), sent);
        }
        if (failure instanceof AifoModelNotInPlanException notInPlan) {
            String plan = notInPlan.getPlan() == null ? "the key's plan" : "the " + notInPlan.getPlan() + " plan";
            return new TargetUnavailable(
                    target,
                    Reason.NOT_IN_PLAN,
                    plan + " does not include " + target.model(),
                    monthAfter(null, now),
                    sent);
        }
        if (failure instanceof AifoRateLimitException limited) {
            return new TargetUnavailable(
                    target, Reason.RATE_LIMITED, detail(limited), rateLimitEnd(limited, now), sent);
        }
        if (failure instanceof AifoAuthenticationException refused) {
            return new TargetUnavailable(
                    target, Reason.KEY_REFUSED, detail(refused), now.plus(keyRefusedCoolDown), sent);
        }
        if (failure instanceof AifoBadRequestException wrong && !isWrongAddress(wrong.getStatusCode())) {
            return null;
        }
        if (failure instanceof AifoBadRequestException) {
            return new TargetUnavailable(target, Reason.FAILING, detail(hubFailure), null, sent);
        }
        if ((failure instanceof AifoServerException || failure instanceof AifoConnectionException)
                && !wasAccepted(hubFailure)) {
            return new TargetUnavailable(target, Reason.FAILING, detail(hubFailure), null, sent);
        }
        return null;
    }

    /** A cool-down covers the whole hub when its cause is the key's, not one model's. */
    static RouteTarget coolDownScope(TargetUnavailable unavailable) {
        Reason reason = unavailable.reason();
        return reason == Reason.RATE_LIMITED || reason == Reason.KEY_REFUSED
                ? RouteTarget.wholeHub(unavailable.target().hub())
                : unavailable.target();
    }

    /**
     * Whether a failure came after the hub had accepted the request: a body cut or unreadable after a
     * success status. A refusal the hub wrote in a body with status 200 (MyAIHub's way) is a refusal,
     * typed as such, and not one of these.
     */
    private static boolean wasAccepted(AifoException failure) {
        return failure.getStatusCode() >= 200 && failure.getStatusCode() < 300;
    }

    // A connection failure has no status, yet the request may have left; a pre-send refusal is neither.
    private static boolean isUnreachable(Throwable failure) {
        return failure instanceof AifoConnectionException;
    }

    // An address that one hub does not serve (a model it does not know, a moved path) says nothing of the others.
    private static boolean isWrongAddress(int status) {
        return (status >= 300 && status < 400) || status == 404 || status == 405 || status == 410;
    }

    private static String spentDetail(AifoQuotaExceededException spent) {
        String bucket = spent.getProvider() == null ? "the" : "the " + spent.getProvider();
        return bucket + " bucket is spent" + (spent.getStatusCode() == 0 ? ", as the hub last reported" : "");
    }

    private Instant rateLimitEnd(AifoRateLimitException limited, Instant now) {
        if (limited.getRetryAfter().isPresent()) {
            return now.plus(limited.getRetryAfter().get());
        }
        Instant reset = limited.getQuota()
                .flatMap(quota -> quota.bucket(HubQuota.REQUESTS))
                .map(QuotaBucket::resetsAt)
                .orElse(null);
        return reset != null && reset.isAfter(now) ? reset : now.plus(rateLimitCoolDown);
    }

    // Monthly buckets (MyAIHub's) renew on the first of the month, UTC.
    private static Instant monthAfter(@Nullable AifoQuotaExceededException spent, Instant now) {
        YearMonth period =
                spent == null ? null : spent.getQuota().map(HubQuota::period).orElse(null);
        YearMonth thisMonth = YearMonth.from(now.atZone(ZoneOffset.UTC));
        // A report from an earlier month says nothing past this one's end.
        YearMonth month = period != null && period.isAfter(thisMonth) ? period : thisMonth;
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String detail(AifoException failure) {
        HubError error = failure.getHubError();
        String what = error.status() == 0 ? "" : error.status() + ": ";
        String message = error.message() != null ? error.message() : ((Throwable) failure).getMessage();
        return what + (message == null ? failure.getClass().getSimpleName() : message);
    }
}
