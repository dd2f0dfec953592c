package ir.aifo.sample.cli;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.test.AifoSimulatorFallback;
import org.springframework.core.env.Environment;

/**
 * The chat's first line: where the questions go, so nobody mistakes the simulator's answers for a
 * model's, or pays for questions they thought were simulated.
 */
final class ConnectionLine {

    private ConnectionLine() {}

    static String of(Environment environment, AifoChatModel model) {
        if (environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY, Boolean.class, false)) {
            return "No API key set (AIFO_API_KEY): talking to the built-in hub simulator at " + model.getBaseUrl();
        }
        return "Talking to " + model.getBaseUrl() + " (" + model.getProtocolName() + ", model "
                + model.getOptions().getModel() + ")";
    }
}
