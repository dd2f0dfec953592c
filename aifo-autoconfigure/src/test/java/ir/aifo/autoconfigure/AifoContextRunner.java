package ir.aifo.autoconfigure;

import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The context an application with the starter gets, for the auto-configuration tests: Spring AI's
 * retry, tool-calling and chat-client auto-configuration, and this project's.
 */
final class AifoContextRunner {

    private AifoContextRunner() {}

    /** The starter's auto-configuration, with no property set. */
    static ApplicationContextRunner withStarter() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        SpringAiRetryAutoConfiguration.class,
                        ToolCallingAutoConfiguration.class,
                        ChatClientAutoConfiguration.class,
                        AifoChatAutoConfiguration.class));
    }

    /** The starter's auto-configuration pointed at a hub, with its key and any further properties. */
    static ApplicationContextRunner withHub(String baseUrl, String apiKey, String... properties) {
        return withStarter()
                .withPropertyValues("spring.ai.aifo.base-url=" + baseUrl, "spring.ai.aifo.api-key=" + apiKey)
                .withPropertyValues(properties);
    }
}
