package ir.aifo.autoconfigure;

import ir.aifo.chat.InvalidApiKeyException;

/**
 * An {@link InvalidApiKeyException} with the property the key was set under, which the library cannot
 * know, for the failure analysis: {@code spring.ai.aifo.api-key} or a named hub's own.
 */
final class InvalidApiKeyPropertyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;

    InvalidApiKeyPropertyException(String property, InvalidApiKeyException invalid) {
        // The cause's message gives the character; neither shows the key.
        super(property + " is not a key a hub could accept", invalid);
        this.property = property;
    }

    String getProperty() {
        return property;
    }
}
