package ir.aifo.test;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts the simulator as the test's context is made, registers it as a bean, points the starter's
 * properties at it, and stops it when the context closes. All instances are equal: the annotation has no
 * attributes, so contexts that differ in nothing else are cached as one.
 */
final class AifoSimulatorContextCustomizer implements ContextCustomizer {

    static final String BEAN_NAME = "aifoHubSimulator";

    private static final String SOURCE_NAME = "aifoSimulatorTest";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        AifoHubSimulator simulator = AifoHubSimulator.start();
        context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                simulator.close();
            }
        });
        ConfigurableEnvironment environment = context.getEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource pointed = new MapPropertySource(SOURCE_NAME, properties(simulator, environment));
        // Above the application's own files, below what the test sets itself.
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, pointed);
        } else {
            sources.addFirst(pointed);
        }
    }

    private static Map<String, Object> properties(AifoHubSimulator simulator, ConfigurableEnvironment environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.ai.aifo.base-url", simulator.baseUrl());
        properties.put("spring.ai.aifo.api-key", simulator.defaultKey());
        for (String hub : AifoSimulatorFallback.declaredHubs(environment)) {
            SimulatedHub simulated = simulator.hub(hub);
            properties.put("spring.ai.aifo.hubs." + hub + ".base-url", simulated.baseUrl());
            properties.put("spring.ai.aifo.hubs." + hub + ".api-key", simulated.defaultKey());
        }
        // Fast retries, and no waiting for the Retry-After of the simulator's 429s.
        properties.put("spring.ai.retry.backoff.initial-interval", "1ms");
        properties.put("spring.ai.retry.backoff.max-interval", "5ms");
        properties.put("spring.ai.aifo.max-retry-after", "0s");
        properties.put(AifoSimulatorFallback.ACTIVE_PROPERTY, "true");
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
