package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class AifoQuotaAutoConfigurationTest {

    private static final String KEY = "MASTER-KEY-QUOTA-9911";

    private static final String GPT_QUOTA_SPENT = """
            {"error": true, "message": "سقف ماهانه GPT/OpenAI شما تمام شده است.", "plan": "vip",
             "usage_breakdown": {"openai": { "used": 80, "limit": 80, "remaining": 0 }}}
            """;

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The context logs each start-up failure these tests provoke as it cancels its refresh.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AnnotationConfigApplicationContext.class);

    private final ApplicationContextRunner runner = AifoContextRunner.withHub(
                    hub.baseUrl(), KEY, "spring.ai.aifo.protocol=myaihub", "spring.ai.aifo.chat.model=openai/gpt-5.2")
            .withConfiguration(AutoConfigurations.of(AifoEndpointAutoConfiguration.class));

    @BeforeEach
    void gptQuotaIsSpent() {
        hub.stubFor(post(urlEqualTo("/api/chat_v3.php"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(GPT_QUOTA_SPENT)));
    }

    @Test
    void protocolPropertySelectsMyAiHubAndItsPath() {
        runner.run(context -> {
            AifoChatModel model = context.getBean(AifoChatModel.class);
            assertThat(model.getProtocolName()).isEqualTo("myaihub");
            assertThatThrownBy(() -> model.call(new Prompt("سلام"))).isInstanceOf(AifoQuotaExceededException.class);
            assertThat(hub.findAll(postRequestedFor(urlEqualTo("/api/chat_v3.php"))))
                    .hasSize(1);
        });
    }

    @Test
    void failFastStopsTheSecondCallBeforeItIsSent() {
        runner.run(context -> {
            AifoChatModel model = context.getBean(AifoChatModel.class);
            assertThatThrownBy(() -> model.call(new Prompt("سلام"))).isInstanceOf(AifoQuotaExceededException.class);
            assertThatThrownBy(() -> model.call(new Prompt("سلام")))
                    .isInstanceOf(AifoQuotaExceededException.class)
                    .hasMessageContaining("not sent");
            assertThat(hub.findAll(postRequestedFor(urlEqualTo("/api/chat_v3.php"))))
                    .hasSize(1);
            HubQuota known = context.getBean(QuotaTracker.class)
                    .lastKnown(model.getKeyFingerprint())
                    .orElseThrow();
            assertThat(known.bucket("openai").orElseThrow().remaining()).isZero();
        });
    }

    @Test
    void failFastCanBeSwitchedOff() {
        runner.withPropertyValues("spring.ai.aifo.quota.fail-fast=false").run(context -> {
            AifoChatModel model = context.getBean(AifoChatModel.class);
            assertThatThrownBy(() -> model.call(new Prompt("سلام"))).isInstanceOf(AifoQuotaExceededException.class);
            assertThatThrownBy(() -> model.call(new Prompt("سلام"))).isInstanceOf(AifoQuotaExceededException.class);
            assertThat(hub.findAll(postRequestedFor(urlEqualTo("/api/chat_v3.php"))))
                    .hasSize(2);
        });
    }

    @Test
    void anApplicationsTrackerReplacesTheInMemoryOne() {
        QuotaTracker shared = QuotaTracker.inMemory();
        runner.withBean("sharedTracker", QuotaTracker.class, () -> shared).run(context -> {
            assertThat(context.getBean(QuotaTracker.class)).isSameAs(shared);
            AifoChatModel model = context.getBean(AifoChatModel.class);
            assertThatThrownBy(() -> model.call(new Prompt("سلام"))).isInstanceOf(AifoQuotaExceededException.class);
            assertThat(shared.lastKnown(model.getKeyFingerprint())).isPresent();
            assertThat(shared.snapshot().keySet()).noneMatch(fingerprint -> fingerprint.contains(KEY));
        });
    }

    @Test
    void lowWatermarkOutsideZeroToOneFailsStartUpNamingIt() {
        runner.withPropertyValues("spring.ai.aifo.quota.low-watermark=1.5")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.quota.low-watermark"));
    }

    @Test
    void endpointNeedsActuatorExposureAndTheModel() {
        runner.run(context -> assertThat(context).doesNotHaveBean(AifoEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=aifo")
                .run(context -> assertThat(context).hasSingleBean(AifoEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=aifo", "spring.ai.model.chat=none")
                .run(context -> assertThat(context).doesNotHaveBean(AifoEndpoint.class));
    }

    @Test
    void endpointListsEveryModelOfTheApplicationByItsBeanName() {
        // Models the application made itself, beside none of the starter's: each is a hub the endpoint shows.
        runner.withPropertyValues("management.endpoints.web.exposure.include=aifo")
                .withBean("hubA", AifoChatModel.class, () -> model("KEY-A"))
                .withBean("hubB", AifoChatModel.class, () -> model("KEY-B"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AifoEndpoint.class).aifo().hubs())
                            .containsOnlyKeys("hubA", "hubB")
                            .allSatisfy((name, described) ->
                                    assertThat(described.baseUrl()).isEqualTo(hub.baseUrl()));
                });
    }

    private static AifoChatModel model(String key) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .protocol(AifoProtocol.MYAIHUB)
                        .baseUrl(hub.baseUrl())
                        .apiKey(key)
                        .build())
                .build();
    }

    @Test
    void quotaGaugesAreBoundToTheRegistryBootHandsOver() {
        runner.run(context -> {
            // What Boot's MeterRegistryPostProcessor does with every MeterBinder bean.
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBeanProvider(MeterBinder.class).orderedStream().forEach(binder -> binder.bindTo(registry));

            AifoChatModel model = context.getBean(AifoChatModel.class);
            assertThatThrownBy(() -> model.call(new Prompt("سلام"))).isInstanceOf(AifoQuotaExceededException.class);

            assertThat(registry.get("aifo.quota.remaining")
                            .tag("provider", "openai")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("aifo.quota.limit")
                            .tag("provider", "openai")
                            .gauge()
                            .value())
                    .isEqualTo(80.0);
            assertThat(registry.getMeters())
                    .allSatisfy(meter -> assertThat(meter.getId().toString()).doesNotContain(KEY));
        });
    }

    @Test
    void unknownProtocolFailsStartUpNamingTheProperty() {
        // Boot's bind failure analysis turns this into "Property: spring.ai.aifo.protocol ... valid: MYAIHUB, OPENAI".
        runner.withPropertyValues("spring.ai.aifo.protocol=anthropic")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("Failed to bind properties under 'spring.ai.aifo.protocol'"));
    }

    @Test
    void protocolNamesBindCaseInsensitively() {
        runner.withPropertyValues("spring.ai.aifo.protocol=MyAiHub")
                .run(context -> assertThat(
                                context.getBean(AifoConnectionProperties.class).getProtocol())
                        .isEqualTo(AifoProtocol.MYAIHUB));
    }
}
