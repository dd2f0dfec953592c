package ir.aifo.test;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test's {@code spring.ai.aifo.*} properties at a simulator.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AifoSimulatorExtension hub = new AifoSimulatorExtension();
 *
 * @DynamicPropertySource
 * static void hub(DynamicPropertyRegistry registry) {
 *     AifoSimulatorProperties.register(registry, hub.simulator());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AifoSimulatorProperties {

    private AifoSimulatorProperties() {}

    /** The OpenAI-compatible dialect (AiFO, TokenHub) at the simulator, with its default key. */
    public static void register(DynamicPropertyRegistry registry, AifoHubSimulator simulator) {
        registry.add("spring.ai.aifo.base-url", simulator::baseUrl);
        registry.add("spring.ai.aifo.api-key", simulator::defaultKey);
    }

    /** The MyAIHub dialect at the simulator, with its default (VIP) key. */
    public static void registerMyAiHub(DynamicPropertyRegistry registry, AifoHubSimulator simulator) {
        register(registry, simulator);
        registry.add("spring.ai.aifo.protocol", () -> "myaihub");
    }
}
