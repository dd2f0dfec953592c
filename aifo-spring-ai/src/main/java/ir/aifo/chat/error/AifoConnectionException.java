package ir.aifo.chat.error;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.TransientAiException;

/**
 * No usable reply arrived: the connection could not be opened, was reset, or stayed silent past the read timeout.
 *
 * @since 0.1.0
 */
public class AifoConnectionException extends TransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    public AifoConnectionException(String message, HubError hubError) {
        this(message, hubError, null);
    }

    public AifoConnectionException(String message, HubError hubError, @Nullable Throwable cause) {
        super(message, cause);
        this.hubError = hubError;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }
}
