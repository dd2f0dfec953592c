package ir.aifo.chat;

import ir.aifo.internal.protocol.HubProtocol;
import ir.aifo.internal.protocol.myaihub.MyAiHubProtocol;
import ir.aifo.internal.protocol.openai.OpenAiProtocol;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub dialects this library speaks, as named by {@code spring.ai.aifo.protocol}.
 *
 * @since 0.1.0
 */
public enum AifoProtocol {

    /** OpenAI-compatible chat completions with a Bearer key: AiFO and TokenHub. */
    OPENAI(OpenAiProtocol.DEFAULT_COMPLETIONS_PATH) {
        @Override
        HubProtocol create(String apiKey, String completionsPath, JsonMapper json, Clock clock) {
            return new OpenAiProtocol(apiKey, completionsPath, json, clock);
        }
    },

    /** MyAIHub's own endpoint, with the key in the body and monthly per-provider quotas. */
    MYAIHUB(MyAiHubProtocol.DEFAULT_COMPLETIONS_PATH) {
        @Override
        HubProtocol create(String apiKey, String completionsPath, JsonMapper json, Clock clock) {
            return new MyAiHubProtocol(apiKey, completionsPath, json, clock);
        }
    };

    private final String defaultCompletionsPath;

    AifoProtocol(String defaultCompletionsPath) {
        this.defaultCompletionsPath = defaultCompletionsPath;
    }

    /** The chat path below the base URL that the dialect's hubs document. */
    public String defaultCompletionsPath() {
        return defaultCompletionsPath;
    }

    /** A protocol instance that authenticates with {@code apiKey} and posts to {@code completionsPath}. */
    abstract HubProtocol create(String apiKey, String completionsPath, JsonMapper json, Clock clock);
}
