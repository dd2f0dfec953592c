package ir.aifo.chat.error;

/**
 * Implemented by every exception this library throws for a failed hub call, so callers can read
 * the status and the hub's message whatever the concrete type.
 *
 * <p>The concrete types extend Spring AI's {@code TransientAiException} (worth retrying) or
 * {@code NonTransientAiException} (retrying cannot help), which is what Spring AI's retry policy
 * looks at.
 *
 * @since 0.1.0
 */
public interface AifoException {

    /** The hub's account of the failure. */
    HubError getHubError();

    /** The HTTP status of the hub's reply, or 0 when no reply arrived. */
    default int getStatusCode() {
        return getHubError().status();
    }
}
