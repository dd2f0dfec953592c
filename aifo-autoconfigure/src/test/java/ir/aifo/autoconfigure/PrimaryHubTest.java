package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * Which hub a {@code ChatClient} and an unqualified {@code ChatModel} get: the one {@code
 * spring.ai.aifo.primary} names, the only one, or none when routes are defined; several and no choice
 * fail the start.
 */
class PrimaryHubTest {

    private static final String KEY = "th_sk_live_PRIMARYHUB0042";

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

    private final ApplicationContextRunner oneHub = AifoContextRunner.withStarter()
            .withPropertyValues(AifoContextRunner.namedHub("tokenhub", tokenhub.baseUrl(), KEY));

    private final ApplicationContextRunner twoHubs =
            oneHub.withPropertyValues(AifoContextRunner.namedHub("aifo", aifo.baseUrl(), KEY));

    @BeforeEach
    void stubHubs() {
        AifoContextRunner.answerEveryChat(tokenhub, "از توکن‌هاب");
        AifoContextRunner.answerEveryChat(aifo, "از آیفو");
    }

    @Test
    void theOnlyHubIsPrimaryWithoutBeingNamed() {
        oneHub.run(context -> {
            assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("tokenhub"));
            assertThat(context.getBean(ChatClient.Builder.class)
                            .build()
                            .prompt()
                            .user("سلام")
                            .call()
                            .content())
                    .isEqualTo("از توکن‌هاب");
        });
    }

    @Test
    void thePrimaryPropertyChoosesTheHubOfTheChatClient() {
        twoHubs.withPropertyValues("spring.ai.aifo.primary=aifo").run(context -> {
            assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("aifo"));
            assertThat(context.getBean(AifoChatModel.class)).isSameAs(context.getBean("aifo"));

            String answer = context.getBean(ChatClient.Builder.class)
                    .build()
                    .prompt()
                    .user("سلام")
                    .call()
                    .content();

            assertThat(answer).isEqualTo("از آیفو");
            assertThat(aifo.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                    .hasSize(1);
            assertThat(tokenhub.getAllServeEvents()).isEmpty();
        });
    }

    @Test
    void aPrimaryThatNamesNoHubFailsTheStartListingTheHubs() {
        twoHubs.withPropertyValues("spring.ai.aifo.primary=tokenhb").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(PrimaryHubException.class)
                    .hasMessageContaining("spring.ai.aifo.primary is 'tokenhb'")
                    .hasMessageContaining("aifo, tokenhub");
            FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

            assertThat(analysis.getDescription())
                    .contains("spring.ai.aifo.primary")
                    .contains("aifo, tokenhub");
            assertThat(analysis.getAction())
                    .contains("spring.ai.aifo.primary")
                    .contains("spring.ai.aifo.hubs.tokenhb.*");
        });
    }

    @Test
    void severalHubsWithNeitherPrimaryNorRoutesFailTheStartNamingBoth() {
        twoHubs.run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(PrimaryHubException.class)
                    .hasMessageContaining("aifo, tokenhub")
                    .hasMessageContaining("spring.ai.aifo.primary")
                    .hasMessageContaining("spring.ai.aifo.routes.<route>");
            FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

            assertThat(analysis.getDescription()).contains("aifo, tokenhub");
            assertThat(analysis.getAction())
                    .contains("spring.ai.aifo.primary")
                    .contains("spring.ai.aifo.routes.<route>")
                    .contains("@Qualifier");
        });
    }

    @Test
    void routesLeaveEveryHubUnmarkedForTheRouterAndTheStartGoesOn() {
        twoHubs.withPropertyValues("spring.ai.aifo.routes.fast=tokenhub:gpt-4o-mini, aifo:openai/gpt-5-mini")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var beanFactory = context.getSourceApplicationContext().getBeanFactory();
                    assertThat(beanFactory.getBeanDefinition("tokenhub").isPrimary())
                            .isFalse();
                    assertThat(beanFactory.getBeanDefinition("aifo").isPrimary())
                            .isFalse();
                    assertThatThrownBy(() -> context.getBean(ChatModel.class))
                            .isInstanceOf(NoUniqueBeanDefinitionException.class);
                });
    }

    @Test
    void thePrimaryIsMatchedWhateverTheCaseOfTheHubsName() {
        twoHubs.withPropertyValues("spring.ai.aifo.primary=TokenHub")
                .run(context -> assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("tokenhub")));
    }
}
