package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoServerException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;

class AifoChatModelObservationTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String NAME = DefaultChatModelObservationConvention.DEFAULT_NAME;

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    @Test
    void callIsOneChatObservationOfProviderAifoWithModelAndUsage() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));

        HubStub.model(hub).observationRegistry(registry).build().call(new Prompt("hi"));

        assertThat(NAME).isEqualTo("gen_ai.client.operation");
        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo(NAME, 1)
                .hasObservationWithNameEqualTo(NAME)
                .that()
                .hasBeenStarted()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_PROVIDER.asString(), "aifo")
                .hasLowCardinalityKeyValue(LowCardinalityKeyNames.REQUEST_MODEL.asString(), "openai/gpt-5-mini")
                .hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), "openai/gpt-5-mini")
                .hasHighCardinalityKeyValue(HighCardinalityKeyNames.USAGE_TOTAL_TOKENS.asString(), "17");
    }

    @Test
    void streamIsOneChatObservationOfProviderAifoStoppedWithTheWholeReply() {
        HubStub.reply(
                hub,
                HubStub.sse(HubStub.contentChunk("سلام")
                        + HubStub.contentChunk(" دنیا")
                        + HubStub.finishChunk()
                        + HubStub.usageChunk()
                        + HubStub.DONE));

        List<ChatResponse> responses = HubStub.model(hub).observationRegistry(registry).build().stream(new Prompt("hi"))
                .collectList()
                .block(Duration.ofSeconds(5));

        assertThat(responses).isNotEmpty();
        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo(NAME, 1)
                .hasObservationWithNameEqualTo(NAME)
                .that()
                .hasBeenStarted()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_PROVIDER.asString(), "aifo")
                .hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), "openai/gpt-5-mini")
                .hasHighCardinalityKeyValue(HighCardinalityKeyNames.REQUEST_STREAM.asString(), "true")
                .hasHighCardinalityKeyValue(HighCardinalityKeyNames.USAGE_TOTAL_TOKENS.asString(), "15");
    }

    @Test
    void failedStreamIsOneStoppedObservationCarryingTheError() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("سلام")));

        Throwable failure =
                catchThrowable(() -> HubStub.model(hub).observationRegistry(registry).build().stream(new Prompt("hi"))
                        .blockLast(Duration.ofSeconds(5)));

        assertThat(failure).isInstanceOf(AifoServerException.class);
        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo(NAME, 1)
                .hasObservationWithNameEqualTo(NAME)
                .that()
                .hasBeenStopped()
                .assertThatError()
                .isSameAs(failure);
    }

    @Test
    void failedCallIsOneObservationCarryingTheError() {
        HubStub.reply(
                hub, HubStub.json(401, HubStub.openAiError("کلید API نامعتبر است", null, "invalid_api_key", null)));

        Throwable failure = catchThrowable(
                () -> HubStub.model(hub).observationRegistry(registry).build().call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo(NAME, 1)
                .hasObservationWithNameEqualTo(NAME)
                .that()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_PROVIDER.asString(), "aifo")
                .assertThatError()
                .isSameAs(failure);
    }
}
