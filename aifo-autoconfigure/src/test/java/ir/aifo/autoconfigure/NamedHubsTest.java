package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hubs named under {@code spring.ai.aifo.hubs}: a chat model bean each, by the hub's name, talking to
 * its own hub, and inheriting from {@code spring.ai.aifo.*} what it leaves unset.
 */
class NamedHubsTest {

    private static final String TOKENHUB_KEY = "th_sk_live_NAMEDHUBS00042";

    private static final String AIFO_KEY = "aifo_sk_live_NAMEDHUBS0042";

    private static final String COMPLETIONS = "/v1/chat/completions";

    @RegisterExtension
    static WireMockExtension tokenhub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension aifo = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The context logs each start-up failure these tests provoke as it cancels its refresh.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AnnotationConfigApplicationContext.class);

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter()
            .withPropertyValues(AifoContextRunner.namedHub("tokenhub", tokenhub.baseUrl(), TOKENHUB_KEY))
            .withPropertyValues(AifoContextRunner.namedHub("aifo", aifo.baseUrl(), AIFO_KEY))
            .withPropertyValues("spring.ai.aifo.primary=tokenhub");

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void stubHubs() {
        AifoContextRunner.answerEveryChat(tokenhub, "از توکن‌هاب");
        AifoContextRunner.answerEveryChat(aifo, "از آیفو");
    }

    @Test
    void eachHubIsAChatModelBeanNamedAfterItAndTheTopLevelMakesNone() {
        runner.run(context -> {
            assertThat(context.getBeansOfType(AifoChatModel.class)).containsOnlyKeys("aifo", "tokenhub");
            assertThat(context.getBean("tokenhub", AifoChatModel.class).getBaseUrl())
                    .isEqualTo(tokenhub.baseUrl());
            assertThat(context.getBean("aifo", AifoChatModel.class).getBaseUrl())
                    .isEqualTo(aifo.baseUrl());
        });
    }

    @Test
    void withoutHubsTheSingleModelIsMadeAsBefore() {
        AifoContextRunner.withHub(aifo.baseUrl(), AIFO_KEY)
                .run(context ->
                        assertThat(context.getBeansOfType(AifoChatModel.class)).containsOnlyKeys("aifoChatModel"));
    }

    @Test
    void aQualifierInjectsTheHubOfThatName() {
        runner.withUserConfiguration(InjectedByQualifier.class).run(context -> {
            HubClients clients = context.getBean(HubClients.class);
            assertThat(clients.tokenhub()).isSameAs(context.getBean("tokenhub"));
            assertThat(clients.aifo()).isSameAs(context.getBean("aifo"));
        });
    }

    @Test
    void eachHubAnswersFromItsOwnBaseUrlWithItsOwnKey() {
        runner.withUserConfiguration(InjectedByQualifier.class).run(context -> {
            HubClients clients = context.getBean(HubClients.class);

            assertThat(clients.tokenhub().call("سلام")).isEqualTo("از توکن‌هاب");
            assertThat(clients.aifo()
                            .call(new Prompt("سلام"))
                            .getResult()
                            .getOutput()
                            .getText())
                    .isEqualTo("از آیفو");

            assertThat(onlyRequest(tokenhub).getHeader("Authorization")).isEqualTo("Bearer " + TOKENHUB_KEY);
            assertThat(onlyRequest(aifo).getHeader("Authorization")).isEqualTo("Bearer " + AIFO_KEY);
        });
    }

    @Test
    void aHubInheritsWhatItLeavesUnsetAndOverridesWhatItSets() {
        // Slower than the top-level read timeout, well within the one aifo sets for itself.
        tokenhub.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(aResponse().withFixedDelay(1_500)));
        aifo.stubFor(post(urlEqualTo(COMPLETIONS))
                .willReturn(aResponse()
                        .withFixedDelay(1_500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion("دیر ولی رسید"))));
        runner.withPropertyValues(
                        "spring.ai.aifo.read-timeout=300ms",
                        "spring.ai.aifo.chat.temperature=0.3",
                        "spring.ai.aifo.chat.model=openai/gpt-4o",
                        "spring.ai.aifo.hubs.tokenhub.chat.model=gpt-4o-mini",
                        "spring.ai.aifo.hubs.aifo.read-timeout=10s")
                .withBean(RetryTemplate.class, NamedHubsTest::noRetries)
                .run(context -> {
                    ChatModel tokenhubModel = context.getBean("tokenhub", ChatModel.class);
                    ChatModel aifoModel = context.getBean("aifo", ChatModel.class);

                    assertThatThrownBy(() -> tokenhubModel.call("سلام"))
                            .isInstanceOf(TransientAiException.class)
                            .hasMessageContaining("read timeout of 300 ms");
                    assertThat(aifoModel.call("سلام")).isEqualTo("دیر ولی رسید");

                    JsonNode toTokenhub = json.readTree(onlyRequest(tokenhub).getBodyAsString());
                    assertThat(toTokenhub.get("model").asString()).isEqualTo("gpt-4o-mini");
                    assertThat(toTokenhub.get("temperature").asDouble()).isEqualTo(0.3);
                    JsonNode toAifo = json.readTree(onlyRequest(aifo).getBodyAsString());
                    assertThat(toAifo.get("model").asString()).isEqualTo("openai/gpt-4o");
                    assertThat(toAifo.get("temperature").asDouble()).isEqualTo(0.3);
                });
    }

    @Test
    void aKeySetOnceAtTheTopLevelServesEveryHubWithoutItsOwn() {
        AifoContextRunner.withStarter()
                .withPropertyValues(
                        "spring.ai.aifo.api-key=" + AIFO_KEY,
                        "spring.ai.aifo.hubs.tokenhub.base-url=" + tokenhub.baseUrl(),
                        "spring.ai.aifo.hubs.aifo.base-url=" + aifo.baseUrl(),
                        "spring.ai.aifo.primary=aifo")
                .run(context -> {
                    context.getBean("tokenhub", ChatModel.class).call("سلام");
                    context.getBean("aifo", ChatModel.class).call("سلام");

                    assertThat(onlyRequest(tokenhub).getHeader("Authorization")).isEqualTo("Bearer " + AIFO_KEY);
                    assertThat(onlyRequest(aifo).getHeader("Authorization")).isEqualTo("Bearer " + AIFO_KEY);
                });
    }

    @Test
    void aHubCanBeConfiguredByEnvironmentVariables() {
        AifoContextRunner.withStarter()
                // Its base URL in a file, its key and model where a container's secrets put them.
                .withPropertyValues("spring.ai.aifo.hubs.tokenhub.base-url=" + tokenhub.baseUrl())
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "test-systemEnvironment",
                                Map.of(
                                        "SPRING_AI_AIFO_HUBS_TOKENHUB_API_KEY",
                                        TOKENHUB_KEY,
                                        "SPRING_AI_AIFO_HUBS_TOKENHUB_CHAT_MODEL",
                                        "gpt-4o-mini"))))
                .run(context -> {
                    assertThat(context.getBeansOfType(AifoChatModel.class)).containsOnlyKeys("tokenhub");

                    context.getBean(ChatModel.class).call("سلام");

                    LoggedRequest request = onlyRequest(tokenhub);
                    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKENHUB_KEY);
                    assertThat(json.readTree(request.getBodyAsString())
                                    .get("model")
                                    .asString())
                            .isEqualTo("gpt-4o-mini");
                });
    }

    @Test
    void hubsStayAwayWhenSpringAiModelChatNamesAnotherModel() {
        runner.withPropertyValues("spring.ai.model.chat=none")
                .run(context -> assertThat(context).doesNotHaveBean(AifoChatModel.class));
    }

    private static LoggedRequest onlyRequest(WireMockExtension hub) {
        List<LoggedRequest> requests = hub.findAll(postRequestedFor(urlEqualTo(COMPLETIONS)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static String completion(String answer) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"openai/gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}]}
                """.formatted(answer);
    }

    private static RetryTemplate noRetries() {
        return new RetryTemplate(
                RetryPolicy.builder().maxRetries(0).delay(Duration.ofMillis(1)).build());
    }

    record HubClients(ChatModel tokenhub, AifoChatModel aifo) {}

    @Configuration(proxyBeanMethods = false)
    static class InjectedByQualifier {

        @Bean
        HubClients hubClients(@Qualifier("tokenhub") ChatModel tokenhub, @Qualifier("aifo") AifoChatModel aifo) {
            return new HubClients(tokenhub, aifo);
        }
    }
}
