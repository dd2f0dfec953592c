package ir.aifo.test;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link AifoHubSimulator} and points {@code spring.ai.aifo.*} at it when an application has
 * no API key configured, so a sample runs offline out of the box and talks to the real hub as soon as
 * a key is set.
 *
 * <p>Not registered automatically: an application opts in by naming it under
 * {@code org.springframework.boot.EnvironmentPostProcessor} in its own {@code META-INF/spring.factories}.
 * It sets {@value #ACTIVE_PROPERTY} to {@code true}, so the application can say that it is simulated.
 * {@code aifo.simulator.enabled=false} turns the fallback off.
 *
 * @since 0.1.0
 */
public class AifoSimulatorFallback implements EnvironmentPostProcessor, Ordered {

    /** Set to {@code true} when the fallback started a simulator. */
    public static final String ACTIVE_PROPERTY = "aifo.simulator.active";

    private static final String API_KEY = "spring.ai.aifo.api-key";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty(API_KEY))
                || !environment.getProperty("aifo.simulator.enabled", Boolean.class, true)) {
            return;
        }
        // No journal: nothing reads it, and it would hold every request for the application's lifetime.
        AifoHubSimulator simulator = AifoHubSimulator.startWithoutJournal();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "aifo-simulator-shutdown"));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "aifoSimulator",
                        Map.of(
                                "spring.ai.aifo.base-url",
                                simulator.baseUrl(),
                                API_KEY,
                                simulator.defaultKey(),
                                ACTIVE_PROPERTY,
                                "true")));
    }

    // After the configuration files are read, so a key set in application.properties is seen.
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
