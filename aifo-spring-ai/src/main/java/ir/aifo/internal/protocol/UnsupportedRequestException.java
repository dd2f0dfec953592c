package ir.aifo.internal.protocol;

/**
 * A request that is well formed but that this hub's dialect cannot carry (tools or several answers to
 * MyAIHub, say), refused before anything is sent. Another hub may serve it, so a route skips this
 * one; to a direct caller it is the {@link IllegalArgumentException} it always was.
 */
public final class UnsupportedRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedRequestException(String message) {
        super(message);
    }
}
