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
 * <p>An application with named hubs ({@code spring.ai.aifo.hubs.<name>.*}) points each at a hub of its
 * own with {@link #registerHubs}, and says in its test properties which of them speaks MyAIHub.
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

    /**
     * Each named hub of the application at the simulator's hub of that name, with the default key:
     * {@code spring.ai.aifo.hubs.<name>.base-url} and {@code .api-key}. The protocol is left to the test,
     * which knows which hub speaks MyAIHub.
     *
     * @param hubNames the application's hub names, at least one; see {@link AifoHubSimulator#hub(String)}
     */
    public static void registerHubs(DynamicPropertyRegistry registry, AifoHubSimulator simulator, String... hubNames) {
        if (hubNames.length == 0) {
            throw new IllegalArgumentException(
                    "Name at least one hub, as in registerHubs(registry, simulator, \"myaihub\")");
        }
        for (String name : hubNames) {
            // Created now, so a bad name fails here rather than in the application's first request.
            SimulatedHub hub = simulator.hub(name);
            String prefix = "spring.ai.aifo.hubs." + name + ".";
            registry.add(prefix + "base-url", hub::baseUrl);
            registry.add(prefix + "api-key", hub::defaultKey);
        }
    }
}
