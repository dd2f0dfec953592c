package ir.aifo.chat.error;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;

/**
 * The hub rejected the request itself (HTTP 400, 404 or 422): a malformed field, an unknown model or an empty prompt.
 *
 * @since 0.1.0
 */
public class AifoBadRequestException extends NonTransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    public AifoBadRequestException(String message, HubError hubError) {
        this(message, hubError, null);
    }

    public AifoBadRequestException(String message, HubError hubError, @Nullable Throwable cause) {
        super(message, cause);
        this.hubError = hubError;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }
}
