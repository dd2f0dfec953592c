package ir.aifo.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing API key in Spring Boot's start-up failure report, naming the property and the
 * environment variable to set.
 */
class AifoApiKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<AifoApiKeyMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AifoApiKeyMissingException cause) {
        return new FailureAnalysis(
                "The AiFO chat model needs an API key for " + cause.getBaseUrl() + ", and none is configured.",
                "Set the property spring.ai.aifo.api-key, or the environment variable SPRING_AI_AIFO_API_KEY, to"
                        + " your hub's API key (AiFO keys look like aifo_sk_live_...). To run without this chat"
                        + " model, set spring.ai.model.chat to another model or to none.",
                cause);
    }
}
