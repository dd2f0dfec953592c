package ir.aifo.autoconfigure;

/**
 * Thrown at start-up when no API key is configured, so the application fails at once with advice
 * rather than on its first call.
 *
 * @since 0.1.0
 */
public class AifoApiKeyMissingException extends IllegalStateException {

    private final String baseUrl;

    public AifoApiKeyMissingException(String baseUrl) {
        super("No API key is configured for the AI hub at " + baseUrl);
        this.baseUrl = baseUrl;
    }

    /** The hub the key is missing for. */
    public String getBaseUrl() {
        return baseUrl;
    }
}
