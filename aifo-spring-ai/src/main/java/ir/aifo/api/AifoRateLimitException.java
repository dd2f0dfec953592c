package ir.aifo.api;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.TransientAiException;

/**
 * The hub asked the caller to slow down (HTTP 429); carries how long it asked to wait, when it said.
 *
 * @since 0.1.0
 */
public class AifoRateLimitException extends TransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    private final @Nullable Duration retryAfter;

    public AifoRateLimitException(String message, HubError hubError, @Nullable Duration retryAfter) {
        super(message);
        this.hubError = hubError;
        this.retryAfter = retryAfter;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }

    /** The wait the hub asked for in its {@code Retry-After} header, if it sent one. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
