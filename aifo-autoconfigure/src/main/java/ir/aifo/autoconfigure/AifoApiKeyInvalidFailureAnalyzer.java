package ir.aifo.autoconfigure;

import ir.aifo.chat.InvalidApiKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an API key with a character no key contains in Spring Boot's start-up failure report: the
 * property, and the character's position and kind, never the key.
 */
class AifoApiKeyInvalidFailureAnalyzer extends AbstractFailureAnalyzer<InvalidApiKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidApiKeyException cause) {
        // The library knows the key, not the property it came from; the starter adds that on its way out.
        InvalidApiKeyPropertyException withProperty = findCause(rootFailure, InvalidApiKeyPropertyException.class);
        String property =
                withProperty != null ? withProperty.getProperty() : AifoApiKeyMissingException.TOP_LEVEL_PROPERTY;
        String environmentVariable = EnvironmentVariableNames.of(property);
        String source = environmentVariable == null
                ? "the environment variable"
                : "the environment variable " + environmentVariable;
        String where = "position " + cause.getPosition();
        return new FailureAnalysis(
                "The AiFO chat model's API key (" + property + ") has " + cause.getCharacter() + " at " + where
                        + ", which no hub's key contains and an HTTP header cannot carry. The key is not shown.",
                "Correct " + property + ", or " + source + " or file it comes from: remove the character at "
                        + where + ". Such a character comes from a key copied from a web page or document, or"
                        + " typed with another keyboard layout; whitespace before or after the key is removed"
                        + " on its own. If the application builds the model itself, correct the key it passes to"
                        + " AifoConnection.Builder.apiKey.",
                cause);
    }
}
