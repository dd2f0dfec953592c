package ir.aifo.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when no API key is configured, so the application fails at once with advice
 * rather than on its first call. A placeholder that nothing resolves counts as no key.
 *
 * @since 0.1.0
 */
public class AifoApiKeyMissingException extends IllegalStateException {

    private final String baseUrl;

    private final @Nullable String unresolvedVariable;

    public AifoApiKeyMissingException(String baseUrl) {
        super("No API key is configured for the AI hub at " + baseUrl);
        this.baseUrl = baseUrl;
        this.unresolvedVariable = null;
    }

    /** The key is the placeholder {@code ${unresolvedVariable}}, which Boot left as it was since nothing defines it. */
    public AifoApiKeyMissingException(String baseUrl, String unresolvedVariable) {
        super("The API key for the AI hub at " + baseUrl + " is the placeholder ${" + unresolvedVariable
                + "}, and nothing defines " + unresolvedVariable);
        this.baseUrl = baseUrl;
        this.unresolvedVariable = unresolvedVariable;
    }

    /** The hub the key is missing for. */
    public String getBaseUrl() {
        return baseUrl;
    }

    /** The variable of the placeholder the key was left as, or {@code null} when no key was set at all. */
    public @Nullable String getUnresolvedVariable() {
        return unresolvedVariable;
    }
}
