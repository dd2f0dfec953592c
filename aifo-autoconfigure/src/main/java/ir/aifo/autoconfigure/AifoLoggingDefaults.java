package ir.aifo.autoconfigure;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off Spring AI's {@code MessageAggregator} logger unless the application sets its level.
 *
 * <p>That logger's only line is {@code "Aggregation Error"}, at ERROR with a stack trace, for every
 * failed stream, and {@code ChatClient} aggregates a stream at several stages ({@code DefaultChatClient},
 * the advisor chain once per advisor, {@code ToolCallingAdvisor}): one refused key logs four stack
 * traces, although the error also reaches the subscriber, which is where an application handles it.
 * The level is added as the last property source, so any value the application sets wins.
 */
class AifoLoggingDefaults implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "aifoLoggingDefaults";

    static final String AGGREGATOR_LEVEL = "logging.level.org.springframework.ai.chat.model.MessageAggregator";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(AGGREGATOR_LEVEL, "OFF")));
    }

    // Last, so that every property source of the application's is already there to win over this one.
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
