package ir.aifo.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing API key in Spring Boot's start-up failure report, naming the property and the
 * environment variable to set, or the variable an unresolved placeholder refers to; for a named hub,
 * also that one key can serve every hub.
 */
class AifoApiKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<AifoApiKeyMissingException> {

    private static final String WITHOUT_THIS_MODEL =
            " To run without this chat model, set spring.ai.model.chat to another model or to none.";

    private static final String SHARED_KEY = " A key that every hub uses can be set once, as "
            + AifoApiKeyMissingException.TOP_LEVEL_PROPERTY + ", for all hubs that do not set their own.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AifoApiKeyMissingException cause) {
        String property = cause.getProperty();
        String shared = property.equals(AifoApiKeyMissingException.TOP_LEVEL_PROPERTY) ? "" : SHARED_KEY;
        String variable = cause.getUnresolvedVariable();
        if (variable != null) {
            return new FailureAnalysis(
                    "The AiFO chat model's API key for " + cause.getBaseUrl() + " is set to the placeholder ${"
                            + variable + "}, and no environment variable or property " + variable
                            + " is defined, so there is no key.",
                    "Set the environment variable " + variable + " to your hub's API key, or set " + property
                            + " to the key itself." + shared + WITHOUT_THIS_MODEL,
                    cause);
        }
        String environmentVariable = EnvironmentVariableNames.of(property);
        String where = environmentVariable == null
                ? "Set the property " + property
                : "Set the property " + property + ", or the environment variable " + environmentVariable + ",";
        return new FailureAnalysis(
                "The AiFO chat model needs an API key for " + cause.getBaseUrl() + ", and none is configured.",
                where + " to your hub's API key (AiFO keys look like aifo_sk_live_...)." + shared + WITHOUT_THIS_MODEL,
                cause);
    }
}
