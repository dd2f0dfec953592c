package ir.aifo.chat.error;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.TransientAiException;

/**
 * The hub failed on its side or answered with something that is not a valid reply (HTTP 5xx, an HTML page, an unparseable body, a reply or stream the hub ended before its end).
 *
 * @since 0.1.0
 */
public class AifoServerException extends TransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    public AifoServerException(String message, HubError hubError) {
        this(message, hubError, null);
    }

    public AifoServerException(String message, HubError hubError, @Nullable Throwable cause) {
        super(message, cause);
        this.hubError = hubError;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }
}
