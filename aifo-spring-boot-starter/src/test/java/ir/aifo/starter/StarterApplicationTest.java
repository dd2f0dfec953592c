package ir.aifo.starter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import ir.aifo.testing.LogCapture;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * What a user of the starter sees: an application with only the starter and three properties injects
 * a working {@link ChatClient}, blocking and streaming, and one without a key fails with advice.
 */
class StarterApplicationTest {

    private static final String KEY = "aifo_sk_live_STARTERKEY12345";

    private static final WireMockServer hub =
            new WireMockServer(wireMockConfig().dynamicPort());

    // Where a failed start is reported: Boot's failure analysis, and the context cancelling its refresh.
    @RegisterExtension
    final LogCapture logs =
            LogCapture.of("org.springframework.boot.diagnostics", AnnotationConfigApplicationContext.class);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ChatApplication {}

    @BeforeAll
    static void startHub() {
        hub.start();
        hub.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.stream"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("""
                                data: {"id":"c1","model":"openai/gpt-5-mini","choices":[{"index":0,"delta":{"content":"سلام"}}]}

                                data: {"id":"c1","model":"openai/gpt-5-mini","choices":[{"index":0,"delta":{"content":" دنیا"},"finish_reason":"stop"}]}

                                data: [DONE]

                                """)));
        hub.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"stream\""))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id":"c2","model":"openai/gpt-5-mini","choices":[{"index":0,
                                 "message":{"role":"assistant","content":"سلام دنیا"},"finish_reason":"stop"}]}
                                """)));
    }

    @AfterAll
    static void stopHub() {
        hub.stop();
    }

    @Test
    void threePropertiesGiveAnInjectableChatClientThatCallsAndStreams() {
        try (ConfigurableApplicationContext context = run(
                "--spring.ai.aifo.base-url=" + hub.baseUrl(),
                "--spring.ai.aifo.api-key=" + KEY,
                "--spring.ai.aifo.chat.model=openai/gpt-5-mini")) {
            ChatClient client = context.getBean(ChatClient.Builder.class).build();

            assertThat(client.prompt().user("سلام").call().content()).isEqualTo("سلام دنیا");
            List<String> pieces = client.prompt().user("سلام").stream()
                    .content()
                    .collectList()
                    .block();
            assertThat(pieces).containsExactly("سلام", " دنیا");
        }
    }

    @Test
    void missingKeyStopsStartUpWithAdvice() {
        assertThatThrownBy(
                () -> run("--spring.ai.aifo.base-url=" + hub.baseUrl()).close());

        assertThat(logs.messages(Level.ERROR))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("APPLICATION FAILED TO START")
                .contains("The AiFO chat model needs an API key")
                .contains("spring.ai.aifo.api-key")
                .contains("SPRING_AI_AIFO_API_KEY");
    }

    private static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(ChatApplication.class);
        application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        return application.run(args);
    }
}
