package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.observation.tck.TestObservationRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.testing.LogCapture;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AifoChatAutoConfigurationTest {

    private static final String KEY = "aifo_sk_live_AUTOCONFIGKEY42";

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The context logs each start-up failure these tests provoke as it cancels its refresh.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AnnotationConfigApplicationContext.class);

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture retries = LogCapture.of("ir.aifo.chat.HubRetry");

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter();

    @BeforeEach
    void stubHub() {
        AifoContextRunner.answerEveryChat(hub);
    }

    private ApplicationContextRunner withHub(String... properties) {
        return AifoContextRunner.withHub(hub.baseUrl(), KEY, properties);
    }

    @Test
    void threePropertiesGiveAChatClientThatTalksToTheHub() {
        withHub("spring.ai.aifo.chat.model=openai/gpt-4o").run(context -> {
            ChatClient client = context.getBean(ChatClient.Builder.class).build();

            String answer = client.prompt().user("سلام").call().content();

            assertThat(answer).isEqualTo(AifoContextRunner.ANSWER);
            LoggedRequest request = hub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                    .get(0);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
            JsonNode body = JsonMapper.builder().build().readTree(request.getBodyAsString());
            assertThat(body.get("model").asString()).isEqualTo("openai/gpt-4o");
        });
    }

    @Test
    void everyChatPropertyBecomesADefaultOption() {
        withHub(
                        "spring.ai.aifo.chat.model=tokenhub/gpt-4",
                        "spring.ai.aifo.chat.temperature=0.4",
                        "spring.ai.aifo.chat.top-p=0.8",
                        "spring.ai.aifo.chat.top-k=40",
                        "spring.ai.aifo.chat.n=2",
                        "spring.ai.aifo.chat.stop=END,STOP",
                        "spring.ai.aifo.chat.max-tokens=100",
                        "spring.ai.aifo.chat.max-completion-tokens=120",
                        "spring.ai.aifo.chat.presence-penalty=0.5",
                        "spring.ai.aifo.chat.frequency-penalty=-0.5",
                        "spring.ai.aifo.chat.seed=7",
                        "spring.ai.aifo.chat.user=alice",
                        "spring.ai.aifo.chat.logit-bias.50256=-100",
                        "spring.ai.aifo.chat.stream-usage=false")
                .run(context -> {
                    AifoChatOptions expected = AifoChatOptions.builder()
                            .model("tokenhub/gpt-4")
                            .temperature(0.4)
                            .topP(0.8)
                            .topK(40)
                            .n(2)
                            .stopSequences(List.of("END", "STOP"))
                            .maxTokens(100)
                            .maxCompletionTokens(120)
                            .presencePenalty(0.5)
                            .frequencyPenalty(-0.5)
                            .seed(7L)
                            .user("alice")
                            .logitBias(Map.of("50256", -100))
                            .streamUsage(false)
                            .build();
                    assertThat(context.getBean(AifoChatModel.class).getOptions())
                            .isEqualTo(expected);
                });
    }

    @Test
    void defaultsNeedOnlyTheKey() {
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY).run(context -> {
            AifoChatModel model = context.getBean(AifoChatModel.class);
            assertThat(model.getOptions().getModel()).isEqualTo("openai/gpt-5-mini");
            assertThat(model.getOptions().getStreamUsage()).isTrue();
            assertThat(model.toString())
                    .contains("https://api.haftominhonar.ir")
                    .doesNotContain(KEY);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnChatModel() {
        ChatModel own = prompt -> new ChatResponse(List.of());
        withHub().withBean("ownChatModel", ChatModel.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(AifoChatModel.class);
            assertThat(context.getBean(ChatModel.class)).isSameAs(own);
        });
    }

    @Test
    void staysAwayWhenSpringAiModelChatNamesAnotherModel() {
        withHub("spring.ai.model.chat=openai")
                .run(context -> assertThat(context).doesNotHaveBean(AifoChatModel.class));
    }

    @Test
    void isActiveWhenSpringAiModelChatNamesAifo() {
        withHub("spring.ai.model.chat=aifo").run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
    }

    @Test
    void missingApiKeyFailsStartUpWithAdviceNamingThePropertyAndVariable() {
        runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl()).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new AifoApiKeyMissingFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(hub.baseUrl());
            assertThat(analysis.getAction()).contains("spring.ai.aifo.api-key").contains("SPRING_AI_AIFO_API_KEY");
        });
    }

    @Test
    void failureAnalyzerIsRegisteredWithSpringBoot() throws Exception {
        try (InputStream factories = getClass().getResourceAsStream("/META-INF/spring.factories")) {
            assertThat(new String(factories.readAllBytes(), StandardCharsets.UTF_8))
                    .contains(AifoApiKeyMissingFailureAnalyzer.class.getName());
        }
    }

    @Test
    void outOfRangeDefaultOptionFailsStartUpNamingTheProperty() {
        withHub("spring.ai.aifo.chat.temperature=3.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("spring.ai.aifo.chat.temperature")
                    .hasMessageContaining("3.5")
                    .hasMessageContaining("between 0 and 2");
        });
    }

    @Test
    void maxReplySizeBoundsAWholeReplyAndMustBePositive() {
        withHub("spring.ai.aifo.max-reply-size=100B").run(context -> {
            ChatClient client = context.getBean(ChatClient.Builder.class).build();

            assertThat(catchThrowable(() -> client.prompt().user("سلام").call().content()))
                    .hasMessageContaining("larger than 100 bytes");
        });
        withHub("spring.ai.aifo.max-reply-size=0B").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spring.ai.aifo.max-reply-size");
        });
    }

    @Test
    void malformedBaseUrlFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=api.haftominhonar.ir")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.base-url")
                        .hasMessageContaining("api.haftominhonar.ir"));
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedUnlessAllowed() {
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=http://hub.example.ir")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.base-url")
                        .hasMessageContaining("spring.ai.aifo.allow-insecure-http"));
        runner.withPropertyValues(
                        "spring.ai.aifo.api-key=" + KEY,
                        "spring.ai.aifo.base-url=http://hub.example.ir",
                        "spring.ai.aifo.allow-insecure-http=true")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=http://localhost:8081")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
        // Only a literal loopback address is this machine, not any name that starts with 127.
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=http://127.corp.example")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.base-url")
                        .hasMessageContaining("spring.ai.aifo.allow-insecure-http"));
        runner.withPropertyValues(
                        "spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=http://127.0.0.1.example.ir:8081")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.allow-insecure-http"));
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=http://127.0.0.1:8081")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
        runner.withPropertyValues("spring.ai.aifo.api-key=" + KEY, "spring.ai.aifo.base-url=http://127.10.20.30")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
    }

    @Test
    void negativeTimeoutFailsStartUpNamingTheProperty() {
        withHub("spring.ai.aifo.read-timeout=-5s")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.read-timeout"));
    }

    @Test
    void unknownSslBundleFailsStartUpNamingIt() {
        withHub("spring.ai.aifo.ssl.bundle=hub-tls")
                .run(context ->
                        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("hub-tls"));
    }

    @Test
    void httpClientCustomizersShapeTheClientInOrder() {
        AtomicInteger calls = new AtomicInteger();
        withHub()
                .withBean(AifoHttpClientCustomizer.class, () -> builder -> {
                    calls.incrementAndGet();
                    builder.connectTimeout(Duration.ofSeconds(3));
                })
                .run(context -> {
                    context.getBean(AifoChatModel.class).call(new Prompt("hi"));
                    assertThat(calls).hasValue(1);
                    assertThat(hub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                            .hasSize(1);
                });
    }

    @Test
    void usesTheApplicationsRetryTemplate() {
        hub.stubFor(
                post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)));
        RetryTemplate oneRetry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(1)
                .includes(TransientAiException.class)
                .delay(Duration.ofMillis(1))
                .build());
        withHub().withBean(RetryTemplate.class, () -> oneRetry).run(context -> {
            AifoChatModel model = context.getBean(AifoChatModel.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.call(new Prompt("hi")))
                    .isInstanceOf(ir.aifo.chat.error.AifoServerException.class);
            assertThat(hub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                    .hasSize(2);
        });
    }

    @Test
    void reportsCallsToTheApplicationsObservationRegistry() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        withHub()
                .withBean(io.micrometer.observation.ObservationRegistry.class, () -> registry)
                .run(context -> {
                    context.getBean(AifoChatModel.class).call(new Prompt("hi"));
                    assertThat(registry)
                            .hasObservationWithNameEqualTo("gen_ai.client.operation")
                            .that()
                            .hasLowCardinalityKeyValue("gen_ai.system", "aifo");
                });
    }

    @Test
    void propertiesNeverShowTheKey() {
        withHub()
                .run(context -> assertThat(
                                context.getBean(AifoConnectionProperties.class).toString())
                        .doesNotContain(KEY)
                        .contains("[redacted]"));
    }

    @Test
    void configurationMetadataDescribesThePropertiesWithDefaults() {
        JsonNode model = GeneratedMetadata.property("spring.ai.aifo.chat.model");
        assertThat(model.get("defaultValue").asString()).isEqualTo(AifoChatModel.DEFAULT_MODEL);
        assertThat(model.get("description").asString()).isNotBlank();
        assertThat(GeneratedMetadata.defaultValue("spring.ai.aifo.base-url")).isEqualTo("https://api.haftominhonar.ir");
        assertThat(GeneratedMetadata.property("spring.ai.aifo.chat.temperature")
                        .get("description")
                        .asString())
                .contains("0 to 2");
        assertThat(GeneratedMetadata.property("spring.ai.aifo.api-key")).isNotNull();
    }

    @Test
    void onceTheApplicationIsReadyTheModelsAreWarmedUpInTheBackground() {
        CountDownLatch clientsBuilt = new CountDownLatch(2);
        HttpClient.Builder real = HttpClient.newBuilder();
        HttpClient.Builder counting = (HttpClient.Builder) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpClient.Builder.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (method.getName().equals("build")) {
                        clientsBuilt.countDown();
                    }
                    return result == real ? proxy : result;
                });
        runner.withBean(
                        AifoChatModel.class,
                        () -> AifoChatModel.builder()
                                .connection(AifoConnection.builder()
                                        .baseUrl(hub.baseUrl())
                                        .apiKey(KEY)
                                        .httpClientCustomizer(builder -> counting)
                                        .build())
                                .build())
                .run(context -> {
                    assertThat(clientsBuilt.getCount()).as("built at start").isEqualTo(2);

                    context.publishEvent(new ApplicationReadyEvent(
                            new SpringApplication(),
                            new String[0],
                            context.getSourceApplicationContext(),
                            Duration.ZERO));

                    assertThat(clientsBuilt.await(10, TimeUnit.SECONDS)).isTrue();
                });
    }
}
