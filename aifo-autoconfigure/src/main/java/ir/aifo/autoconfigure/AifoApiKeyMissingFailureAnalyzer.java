package ir.aifo.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing API key in Spring Boot's start-up failure report, naming the property and the
 * environment variable to set, or the variable an unresolved placeholder refers to.
 */
class AifoApiKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<AifoApiKeyMissingException> {

    private static final String WITHOUT_THIS_MODEL =
            " To run without this chat model, set spring.ai.model.chat to another model or to none.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AifoApiKeyMissingException cause) {
        String variable = cause.getUnresolvedVariable();
        if (variable != null) {
            return new FailureAnalysis(
                    "The AiFO chat model's API key for " + cause.getBaseUrl() + " is set to the placeholder ${"
                            + variable + "}, and no environment variable or property " + variable
                            + " is defined, so there is no key.",
                    "Set the environment variable " + variable + " to your hub's API key, or set"
                            + " spring.ai.aifo.api-key to the key itself." + WITHOUT_THIS_MODEL,
                    cause);
        }
        return new FailureAnalysis(
                "The AiFO chat model needs an API key for " + cause.getBaseUrl() + ", and none is configured.",
                "Set the property spring.ai.aifo.api-key, or the environment variable SPRING_AI_AIFO_API_KEY, to"
                        + " your hub's API key (AiFO keys look like aifo_sk_live_...)." + WITHOUT_THIS_MODEL,
                cause);
    }
}
