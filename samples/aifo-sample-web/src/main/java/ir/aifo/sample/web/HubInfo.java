package ir.aifo.sample.web;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.test.AifoSimulatorFallback;
import org.springframework.core.env.Environment;

/**
 * Which hub the page talks to, as {@code GET /api/hub} tells it; never the API key.
 *
 * @param simulator whether the built-in hub simulator answers (no API key was configured)
 * @param baseUrl the hub's address, without any user-info or query (see {@link ShownAddress})
 */
public record HubInfo(boolean simulator, String baseUrl, String protocol, String model) {

    /** The hub behind {@code model}; the simulator fallback has said in the environment whether it started. */
    static HubInfo of(AifoChatModel model, Environment environment) {
        return new HubInfo(
                environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY, Boolean.class, false),
                ShownAddress.of(model.getBaseUrl()),
                model.getProtocolName(),
                model.getOptions().getModel());
    }
}
