package ir.aifo.internal.routing;

import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.HubError;
import ir.aifo.quota.HubQuota;

/**
 * In a route, a call not sent because every request the key's bucket has left this month is already
 * on its way. Unlike a spent bucket it may pass: a request in flight that fails leaves its request
 * unspent. So a route moves on without making the target wait.
 */
public final class QuotaInFlightException extends AifoQuotaExceededException {

    private static final long serialVersionUID = 1L;

    public QuotaInFlightException(String provider, long remaining, HubQuota quota) {
        super(
                "The key's " + provider + " quota has " + remaining + " request" + (remaining == 1 ? "" : "s")
                        + " left this month and as many are in flight; the request was not sent",
                HubError.of(0, null),
                provider,
                quota);
    }
}
