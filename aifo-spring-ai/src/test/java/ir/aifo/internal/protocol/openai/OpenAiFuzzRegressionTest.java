package ir.aifo.internal.protocol.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.HubStub;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;

/**
 * The OpenAI-compatible replies that the fuzz tests ({@code OpenAiReplyFuzzTest},
 * {@code OpenAiStreamFuzzTest}) found mishandled, each reduced to its smallest form and sent over the
 * wire: before the fixes they ended in a {@code NullPointerException}, an {@code ArithmeticException}
 * or a good reply reported as an error.
 */
class OpenAiFuzzRegressionTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",";

    private AifoChatModel model() {
        return HubStub.model(hub).retryTemplate(HubStub.fastRetry(0)).build();
    }

    @Test
    void theBodyNullIsAnUnreadableReply() {
        HubStub.reply(hub, HubStub.json(200, "null"));

        Throwable failure = catchThrowable(() -> model().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoServerException.class).hasMessageContaining("not a chat completion");
    }

    @Test
    void aNullAmongTheChoicesIsLeftOut() {
        HubStub.reply(
                hub,
                HubStub.json(
                        200,
                        "{\"choices\":[null,{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"سلام\"}}]}"));

        ChatResponse response = model().call(new Prompt("سلام"));

        assertThat(response.getResults()).hasSize(1);
        assertThat(response.getResult().getOutput().getText()).isEqualTo("سلام");
    }

    @Test
    void choicesThatAreAllNullAreNoAnswer() {
        HubStub.reply(hub, HubStub.json(200, "{\"choices\":[null]}"));

        Throwable failure = catchThrowable(() -> model().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoServerException.class).hasMessageContaining("no choices");
    }

    @Test
    void aNullAmongTheToolCallsIsLeftOut() {
        HubStub.reply(
                hub, HubStub.json(200, "{\"choices\":[{\"message\":{\"content\":\"x\",\"tool_calls\":[null]}}]}"));

        ChatResponse response = model().call(new Prompt("سلام"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("x");
        assertThat(response.getResult().getOutput().getToolCalls()).isEmpty();
    }

    @Test
    void errorFalseBesideAGoodReplyIsNotAnError() {
        HubStub.reply(hub, HubStub.json(200, "{\"error\":false,\"choices\":[{\"message\":{\"content\":\"ok\"}}]}"));

        assertThat(model().call(new Prompt("سلام")).getResult().getOutput().getText())
                .isEqualTo("ok");
    }

    @Test
    void aRetryAfterBeyondAnyDurationIsCappedRatherThanOverflowing() {
        HubStub.reply(
                hub,
                HubStub.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                        .withHeader("Retry-After", "9223372036854775807"));

        Throwable failure = catchThrowable(() -> model().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoRateLimitException.class).hasMessageContaining("slow down");
        Duration retryAfter = ((AifoRateLimitException) failure).getRetryAfter().orElseThrow();
        assertThat(retryAfter).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void aStreamEventNullIsAnUnreadableChunk() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("سلام") + "data: null\n\n" + HubStub.DONE));

        StepVerifier.create(model().stream(new Prompt("سلام")))
                .expectNextCount(1)
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(AifoServerException.class)
                        .hasMessageContaining("not a chat-completion chunk"))
                .verify(TIMEOUT);
    }

    @Test
    void nullsAmongStreamedChoicesAndToolCallsAreLeftOut() {
        HubStub.reply(
                hub,
                HubStub.sse(CHUNK + "\"choices\":[null]}\n\n"
                        + CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[null]}}]}\n\n"
                        + CHUNK + "\"error\":false,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"سلام\"}}]}\n\n"
                        + HubStub.finishChunk()
                        + HubStub.DONE));

        List<ChatResponse> responses =
                model().stream(new Prompt("سلام")).collectList().block(TIMEOUT);

        assertThat(responses)
                .flatMap(ChatResponse::getResults)
                .map(Generation::getOutput)
                .map(message -> message.getText())
                .filteredOn(Objects::nonNull)
                .containsExactly("سلام");
        assertThat(responses)
                .flatMap(ChatResponse::getResults)
                .allSatisfy(generation ->
                        assertThat(generation.getOutput().getToolCalls()).isEmpty());
    }

    @Test
    void aRetryAfterDateInTheYear9999IsCappedToo() {
        HubStub.reply(
                hub,
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
                        .withBody(""));

        Throwable failure = catchThrowable(() -> model().call(new Prompt("سلام")));

        assertThat(((AifoRateLimitException) failure)
                        .getRetryAfter()
                        .orElseThrow()
                        .toNanos())
                .isEqualTo(Long.MAX_VALUE);
    }
}
