package ir.aifo.chat.error;

import ir.aifo.quota.HubQuota;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.TransientAiException;

/**
 * The hub asked the caller to slow down (HTTP 429); carries how long it asked to wait, when it said,
 * and the rate limit its reply reported.
 *
 * @since 0.1.0
 */
public class AifoRateLimitException extends TransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    private final @Nullable Duration retryAfter;

    private final @Nullable HubQuota quota;

    public AifoRateLimitException(String message, HubError hubError, @Nullable Duration retryAfter) {
        this(message, hubError, retryAfter, null);
    }

    public AifoRateLimitException(
            String message, HubError hubError, @Nullable Duration retryAfter, @Nullable HubQuota quota) {
        super(message);
        this.hubError = hubError;
        this.retryAfter = retryAfter;
        this.quota = quota;
    }

    /** This refusal with the quota its reply reported, thrown from where this one was. */
    public AifoRateLimitException withQuota(HubQuota quota) {
        AifoRateLimitException withQuota = new AifoRateLimitException(getMessage(), hubError, retryAfter, quota);
        withQuota.setStackTrace(getStackTrace());
        return withQuota;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }

    /** The wait the hub asked for in its {@code Retry-After} header, if it sent one. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The rate limit the refusal reported: no requests left until the window's reset or the
     * {@code Retry-After}, whichever is later, and the other figures its headers gave; empty when the
     * dialect does not read them.
     */
    public Optional<HubQuota> getQuota() {
        return Optional.ofNullable(quota);
    }
}
