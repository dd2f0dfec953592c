package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.testing.LogCapture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/** Routes from properties: the router is the primary model, and its fallbacks are counted and announced. */
class AifoRoutingAutoConfigurationTest {

    @RegisterExtension
    static WireMockExtension aifo = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension tokenHub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // Failed starts and the route's cool-down lines, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("org.springframework.context", "ir.aifo.routing");

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter()
            .withConfiguration(AutoConfigurations.of(AifoRoutingAutoConfiguration.class))
            .withUserConfiguration(TwoHubs.class)
            .withPropertyValues(
                    "spring.ai.aifo.routes.smart=aifo:openai/gpt-5-mini, tokenhub:gpt-4o-mini",
                    "spring.ai.aifo.default-route=smart");

    @Test
    void withRoutesTheRouterIsThePrimaryModelBehindTheChatClient() {
        AifoContextRunner.answerEveryChat(aifo);
        runner.run(context -> {
            assertThat(context).hasSingleBean(AifoRouter.class);
            assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean(AifoRouter.class));
            AifoRouter router = context.getBean(AifoRouter.class);
            assertThat(router.getRoutes()).containsOnlyKeys("smart");
            assertThat(router.getHubs()).containsOnlyKeys("aifo", "tokenhub");

            ChatResponse response = context.getBean(ChatClient.Builder.class)
                    .build()
                    .prompt("سلام")
                    .call()
                    .chatResponse();

            assertThat(response.getResult().getOutput().getText()).isEqualTo(AifoContextRunner.ANSWER);
            assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("aifo");
        });
    }

    @Test
    void withoutRoutesThereIsNoRouter() {
        AifoContextRunner.withStarter()
                .withConfiguration(AutoConfigurations.of(AifoRoutingAutoConfiguration.class))
                .withUserConfiguration(TwoHubs.class)
                .run(context -> assertThat(context).doesNotHaveBean(AifoRouter.class));
    }

    @Test
    void aFallbackIsCountedByRouteHubsAndReasonAndItsCoolDownAnnounced() {
        aifo.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}")));
        AifoContextRunner.answerEveryChat(tokenHub);
        runner.withUserConfiguration(Observers.class).run(context -> {
            MeterRegistry meters = new SimpleMeterRegistry();
            // What Boot's metrics auto-configuration does with every MeterBinder.
            context.getBean(AifoRoutingMetrics.class).bindTo(meters);
            ChatResponse response = context.getBean(ChatClient.Builder.class)
                    .build()
                    .prompt("سلام")
                    .call()
                    .chatResponse();

            assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("tokenhub");
            assertThat(meters.get("aifo.routing.fallbacks")
                            .tag("route", "smart")
                            .tag("from", "aifo")
                            .tag("to", "tokenhub")
                            .tag("reason", "rate_limited")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            List<AifoCoolDownEvent> events = context.getBean(Observers.class).events;
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.isStarted()).isTrue();
                assertThat(event.getCoolDown().reason()).isEqualTo(TargetUnavailable.Reason.RATE_LIMITED);
                assertThat(event.getCoolDown().target().hub()).isEqualTo("aifo");
            });
        });
    }

    @Test
    void hubsFromPropertiesAreRoutedAndTheEndpointShowsRoutesAndCoolDowns() {
        aifo.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}")));
        AifoContextRunner.answerEveryChat(tokenHub);
        AifoContextRunner.withStarter()
                .withConfiguration(
                        AutoConfigurations.of(AifoRoutingAutoConfiguration.class, AifoEndpointAutoConfiguration.class))
                .withPropertyValues(AifoContextRunner.namedHub("aifo", aifo.baseUrl(), "aifo_sk_live_0123456789"))
                .withPropertyValues(AifoContextRunner.namedHub("tokenhub", tokenHub.baseUrl(), "th_sk_live_0123456789"))
                .withPropertyValues(
                        "spring.ai.aifo.routes.smart=aifo:openai/gpt-5-mini, tokenhub:gpt-4o-mini",
                        "spring.ai.aifo.default-route=smart",
                        "spring.ai.aifo.routing.key-refused-cool-down=10m",
                        "management.endpoints.web.exposure.include=aifo")
                .run(context -> {
                    ChatResponse response = context.getBean(ChatClient.Builder.class)
                            .build()
                            .prompt("سلام")
                            .call()
                            .chatResponse();

                    assertThat(response.getMetadata().<String>get(AifoMetadata.HUB))
                            .isEqualTo("tokenhub");
                    AifoEndpoint.AifoDescriptor shown =
                            context.getBean(AifoEndpoint.class).aifo();
                    assertThat(shown.defaultRoute()).isEqualTo("smart");
                    assertThat(shown.hubs().get("aifo").coolDownReason()).isEqualTo("key refused");
                    assertThat(shown.hubs().get("aifo").coolDownUntil())
                            .isAfter(java.time.Instant.now().plusSeconds(9 * 60));
                    assertThat(shown.hubs().get("tokenhub").coolDownUntil()).isNull();
                    assertThat(shown.routes().get("smart"))
                            .extracting(
                                    AifoEndpoint.TargetDescriptor::target,
                                    AifoEndpoint.TargetDescriptor::coolDownReason)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("aifo:openai/gpt-5-mini", "key refused"),
                                    org.assertj.core.groups.Tuple.tuple("tokenhub:gpt-4o-mini", null));
                    assertThat(shown.toString()).doesNotContain("0123456789");
                });
    }

    @Test
    void aRouteNamingAnUnknownHubFailsTheStartListingTheHubs() {
        runner.withPropertyValues("spring.ai.aifo.routes.cheap=tokenhb:deepseek-chat")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessage("Route 'cheap' names hub 'tokenhb', which is not configured; the hubs are"
                                + " [aifo, tokenhub] (spring.ai.aifo.hubs.<name>.*)"));
    }

    @Test
    void aMalformedTargetOrSettingFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("spring.ai.aifo.routes.cheap=deepseek-chat")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith("spring.ai.aifo.routes.cheap: Route target 'deepseek-chat' must be"
                                + " written hub:model"));
        runner.withPropertyValues("spring.ai.aifo.routing.failure-cool-down=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessage("spring.ai.aifo.routing.failure-cool-down is PT0S but must be positive, such as"
                                + " 30s"));
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoHubs {

        @Bean
        AifoChatModel aifo() {
            return hub(AifoRoutingAutoConfigurationTest.aifo);
        }

        @Bean
        AifoChatModel tokenhub() {
            return hub(tokenHub);
        }

        private static AifoChatModel hub(WireMockExtension stub) {
            return AifoChatModel.builder()
                    .connection(AifoConnection.builder()
                            .baseUrl(stub.baseUrl())
                            .apiKey("aifo_sk_live_0123456789")
                            .build())
                    .retryTemplate(new RetryTemplate(
                            RetryPolicy.builder().maxRetries(0).build()))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Observers implements ApplicationListener<AifoCoolDownEvent> {

        final List<AifoCoolDownEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(AifoCoolDownEvent event) {
            events.add(event);
        }
    }
}
