package ir.aifo.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one {@link AifoHubSimulator} for a test class and resets it, named hubs
 * included, before each test (plans and named hubs stay), and hands it to test methods that ask for it
 * as a parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AifoSimulatorExtension hub = new AifoSimulatorExtension();
 *
 * @Test
 * void answers(AifoHubSimulator simulator) { ... simulator.baseUrl() ... }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AifoSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private AifoHubSimulator simulator;

    /** The running simulator; started on first use, so it can feed Spring's dynamic properties. */
    public synchronized AifoHubSimulator simulator() {
        if (simulator == null) {
            simulator = AifoHubSimulator.start();
        }
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator().reset();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AifoHubSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator();
    }
}
