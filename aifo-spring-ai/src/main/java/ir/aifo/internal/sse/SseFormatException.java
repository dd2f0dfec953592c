package ir.aifo.internal.sse;

/**
 * Thrown when a Server-Sent Events stream cannot be decoded, such as an event larger than the
 * reader's limit.
 *
 * @since 0.1.0
 */
public final class SseFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SseFormatException(String message) {
        super(message);
    }
}
