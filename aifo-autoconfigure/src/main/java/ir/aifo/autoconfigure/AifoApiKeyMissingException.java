package ir.aifo.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when no API key is configured, so the application fails at once with advice
 * rather than on its first call. A placeholder that nothing resolves counts as no key.
 *
 * @since 0.1.0
 */
public class AifoApiKeyMissingException extends IllegalStateException {

    // The single hub's key, and that of every named hub that does not set its own.
    static final String TOP_LEVEL_PROPERTY = AifoConnectionProperties.PREFIX + ".api-key";

    private final String property;

    private final String baseUrl;

    private final @Nullable String unresolvedVariable;

    public AifoApiKeyMissingException(String baseUrl) {
        this(TOP_LEVEL_PROPERTY, baseUrl, null);
    }

    /** The key is the placeholder {@code ${unresolvedVariable}}, which Boot left as it was since nothing defines it. */
    public AifoApiKeyMissingException(String baseUrl, String unresolvedVariable) {
        this(TOP_LEVEL_PROPERTY, baseUrl, unresolvedVariable);
    }

    /**
     * The key of the hub whose key is set with {@code property}, such as {@code
     * spring.ai.aifo.hubs.tokenhub.api-key}, is missing, or is a placeholder that nothing resolves.
     *
     * @since 0.1.0
     */
    public AifoApiKeyMissingException(String property, String baseUrl, @Nullable String unresolvedVariable) {
        super(
                unresolvedVariable == null
                        ? "No API key is configured for the AI hub at " + baseUrl + " (" + property + ")"
                        : "The API key for the AI hub at " + baseUrl + " (" + property + ") is the placeholder ${"
                                + unresolvedVariable + "}, and nothing defines " + unresolvedVariable);
        this.property = property;
        this.baseUrl = baseUrl;
        this.unresolvedVariable = unresolvedVariable;
    }

    /** The property that sets the key: {@code spring.ai.aifo.api-key}, or a named hub's own. */
    public String getProperty() {
        return property;
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
