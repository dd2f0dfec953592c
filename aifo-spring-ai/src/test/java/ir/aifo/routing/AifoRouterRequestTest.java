package ir.aifo.routing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.HubStub;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.routing.TargetUnavailable.Reason;
import ir.aifo.testing.LogCapture;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;

/** What a route does with each kind of request and answer, against two stubbed hubs. */
class AifoRouterRequestTest {

    @RegisterExtension
    static WireMockExtension first = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension second = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class, "ir.aifo.chat").at(Level.INFO);

    private final AifoRouter router = AifoRouter.builder()
            .hub("aifo", hub(first, builder -> builder))
            .hub("tokenhub", hub(second, builder -> builder))
            .route("smart", "aifo:openai/gpt-5-mini", "tokenhub:gpt-4o-mini")
            .route("cheap", "tokenhub:deepseek-chat")
            .defaultRoute("smart")
            .build();

    @Test
    void aRequestNamingNoModelTakesTheDefaultRouteAndEachHubIsAskedForItsOwnModelId() {
        HubStub.reply(first, HubStub.json(200, HubStub.completion("سلام")));

        ChatResponse response = router.call(
                new Prompt("سلام", AifoChatOptions.builder().temperature(0.3).build()));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("سلام");
        assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("aifo");
        assertThat(response.getMetadata().<String>get(AifoMetadata.ROUTE)).isEqualTo("smart");
        assertThat(response.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .isEmpty();
        String sent = HubStub.requests(first).get(0).getBodyAsString();
        assertThat(sent).contains("\"model\":\"openai/gpt-5-mini\"").contains("\"temperature\":0.3");
    }

    @Test
    void aChatClientAsksForTheDefaultRouteOrTheRouteItNames() {
        HubStub.reply(first, HubStub.json(200, HubStub.completion("از اول")));
        HubStub.reply(second, HubStub.json(200, HubStub.completion("ارزان")));
        ChatClient chat = ChatClient.create(router);

        ChatResponse smart = chat.prompt("سلام").call().chatResponse();
        ChatResponse cheap = chat.prompt("سلام")
                .options(AifoChatOptions.builder().model("cheap"))
                .call()
                .chatResponse();

        assertThat(smart.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("aifo");
        assertThat(cheap.getMetadata().<String>get(AifoMetadata.ROUTE)).isEqualTo("cheap");
        assertThat(HubStub.requests(second).get(0).getBodyAsString()).contains("\"model\":\"deepseek-chat\"");
    }

    @Test
    void aModelThatIsNotARouteIsRefusedUnsentListingTheRoutes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> router.call(new Prompt(
                        "سلام",
                        AifoChatOptions.builder().model("openai/gpt-5-mini").build())))
                .withMessage("'openai/gpt-5-mini' is not a route; the routes are: smart (aifo:openai/gpt-5-mini,"
                        + " tokenhub:gpt-4o-mini); cheap (tokenhub:deepseek-chat). A hub's own model ids are reached"
                        + " through that hub's ChatModel (in Spring, @Qualifier(\"<hub>\") ChatModel), not through"
                        + " the router");
        assertThat(HubStub.allRequests(first)).isEmpty();
    }

    @Test
    void withoutADefaultRouteARequestMustNameOne() {
        AifoRouter noDefault = AifoRouter.builder()
                .hub("aifo", hub(first, builder -> builder))
                .route("smart", "aifo:openai/gpt-5-mini")
                .build();

        assertThat(noDefault.getOptions().getModel()).isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> noDefault.call(new Prompt("سلام")))
                .withMessage("The request names no model and there is no default route: name one of the routes"
                        + " [smart] as the model, or set a default route (spring.ai.aifo.default-route)");
    }

    @Test
    void aRequestTheHubRejectsAsWrongIsNotSentToTheNext() {
        HubStub.reply(
                first,
                HubStub.json(400, HubStub.openAiError("bad messages", "invalid_request_error", "messages", null)));

        Throwable failure = catchThrowable(() -> router.call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoBadRequestException.class).hasMessageContaining("bad messages");
        assertThat(HubStub.allRequests(second)).isEmpty();
    }

    @Test
    void aHubThatDoesNotKnowTheModelIsLeftForTheNext() {
        HubStub.reply(
                first, HubStub.json(404, HubStub.openAiError("no such model", "invalid_request_error", "model", null)));
        HubStub.reply(second, HubStub.json(200, HubStub.completion("ok")));

        ChatResponse response = router.call(new Prompt("سلام"));

        assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("tokenhub");
        assertThat(response.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .singleElement()
                .satisfies(failed -> {
                    assertThat(failed.reason()).isEqualTo(Reason.FAILING);
                    assertThat(failed.detail()).isEqualTo("404: no such model");
                    assertThat(failed.sent()).isTrue();
                    assertThat(failed.until()).isNull();
                });
    }

    @Test
    void aRefusedKeyCoolsTheWholeHubDownWithOneWarningNamingTheProperty() {
        HubStub.reply(first, HubStub.json(401, HubStub.openAiError("bad key", "invalid_request_error", null, null)));
        HubStub.reply(second, HubStub.json(200, HubStub.completion("ok")));
        AifoRouter router = AifoRouter.builder()
                .hub("aifo", hub(first, builder -> builder))
                .hub("tokenhub", hub(second, builder -> builder))
                .route("smart", "aifo:openai/gpt-5-mini", "tokenhub:gpt-4o-mini")
                .route("other", "aifo:deepseek/deepseek-chat", "tokenhub:deepseek-chat")
                .defaultRoute("smart")
                .build();

        ChatResponse refused = router.call(new Prompt("سلام"));
        ChatResponse otherRoute = router.call(
                new Prompt("سلام", AifoChatOptions.builder().model("other").build()));

        assertThat(refused.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .extracting(TargetUnavailable::reason)
                .containsExactly(Reason.KEY_REFUSED);
        // Every model on the hub shares the key: the other route skips it unsent.
        assertThat(otherRoute.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .singleElement()
                .satisfies(skipped -> {
                    assertThat(skipped.reason()).isEqualTo(Reason.KEY_REFUSED);
                    assertThat(skipped.sent()).isFalse();
                });
        assertThat(HubStub.requests(first)).hasSize(1);
        assertThat(router.getCoolDowns())
                .singleElement()
                .satisfies(coolDown -> assertThat(coolDown.target()).isEqualTo(RouteTarget.wholeHub("aifo")));
        assertThat(logs.events())
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(warning -> assertThat(warning.getFormattedMessage())
                        .startsWith("Routes skip hub 'aifo' until ")
                        .endsWith("check spring.ai.aifo.hubs.aifo.api-key")
                        .doesNotContain(HubStub.API_KEY));
    }

    @Test
    void aHubWhoseDialectCannotCarryTheRequestIsSkippedUnsent() {
        AifoChatModel myAiHub = AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(first.baseUrl())
                        .apiKey(HubStub.API_KEY)
                        .protocol(AifoProtocol.MYAIHUB)
                        .build())
                .build();
        HubStub.reply(second, HubStub.json(200, HubStub.completion("ok")));
        AifoRouter router = AifoRouter.builder()
                .hub("myaihub", myAiHub)
                .hub("tokenhub", hub(second, builder -> builder))
                .route("smart", "myaihub:openai/gpt-5-mini", "tokenhub:gpt-4o-mini")
                .defaultRoute("smart")
                .build();

        ChatResponse response = ChatClient.create(router)
                .prompt("ساعت چند است؟")
                .tools(new Clock())
                .call()
                .chatResponse();

        assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("tokenhub");
        assertThat(response.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .singleElement()
                .satisfies(skipped -> {
                    assertThat(skipped.reason()).isEqualTo(Reason.UNSUPPORTED);
                    assertThat(skipped.detail()).startsWith("MyAIHub cannot call tools");
                    assertThat(skipped.sent()).isFalse();
                });
        assertThat(HubStub.allRequests(first)).isEmpty();
        assertThat(HubStub.requests(second).get(0).getBodyAsString()).contains("\"tools\"");
        assertThat(router.getCoolDowns()).isEmpty();
    }

    private static AifoChatModel hub(
            WireMockExtension stub, Function<AifoChatModel.Builder, AifoChatModel.Builder> customizer) {
        return customizer
                .apply(HubStub.model(stub).retryTemplate(HubStub.fastRetry(0)))
                .build();
    }

    static class Clock {

        @Tool(description = "The time now")
        String now() {
            return "12:00";
        }
    }
}
