package ir.aifo.chat.error;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;

/**
 * The hub refused the API key (HTTP 401 or 403, or a licence the hub reports as invalid or inactive).
 *
 * @since 0.1.0
 */
public class AifoAuthenticationException extends NonTransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    public AifoAuthenticationException(String message, HubError hubError) {
        this(message, hubError, null);
    }

    public AifoAuthenticationException(String message, HubError hubError, @Nullable Throwable cause) {
        super(message, cause);
        this.hubError = hubError;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }
}
