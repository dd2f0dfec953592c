package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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

    /** What {@link #answerEveryChat} answers: one completion saying "درود". */
    static final String ANSWER = "درود";

    private static final String COMPLETION = """
            {"id":"chatcmpl-9","object":"chat.completion","created":1764000000,"model":"openai/gpt-5-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}]}
            """;

    private AifoContextRunner() {}

    /** Makes the stubbed hub answer every OpenAI-compatible chat request with {@link #ANSWER}. */
    static void answerEveryChat(WireMockExtension hub) {
        answerEveryChat(hub, ANSWER);
    }

    /** Makes the stubbed hub answer every OpenAI-compatible chat request with {@code answer}. */
    static void answerEveryChat(WireMockExtension hub, String answer) {
        hub.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(COMPLETION.formatted(answer))));
    }

    /** The starter's auto-configuration, with no property set. */
    static ApplicationContextRunner withStarter() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        SpringAiRetryAutoConfiguration.class,
                        ToolCallingAutoConfiguration.class,
                        ChatClientAutoConfiguration.class,
                        AifoChatAutoConfiguration.class));
    }

    /** The properties of a hub named under {@code spring.ai.aifo.hubs}: its base URL and its key. */
    static String[] namedHub(String name, String baseUrl, String apiKey) {
        String prefix = "spring.ai.aifo.hubs." + name + ".";
        return new String[] {prefix + "base-url=" + baseUrl, prefix + "api-key=" + apiKey};
    }

    /** The starter's auto-configuration pointed at a hub, with its key and any further properties. */
    static ApplicationContextRunner withHub(String baseUrl, String apiKey, String... properties) {
        return withStarter()
                .withPropertyValues("spring.ai.aifo.base-url=" + baseUrl, "spring.ai.aifo.api-key=" + apiKey)
                .withPropertyValues(properties);
    }
}
