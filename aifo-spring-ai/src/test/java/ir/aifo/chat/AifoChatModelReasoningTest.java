package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** reasoning_effort on the wire, and the model's reasoning on the assistant message, whole or streamed. */
class AifoChatModelReasoningTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"low", "medium", "high"})
    void reasoningEffortGoesOutAsReasoningEffort(String effort) {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));

        HubStub.model(hub)
                .build()
                .call(new Prompt(
                        "Why is the sky blue?",
                        AifoChatOptions.builder().reasoningEffort(effort).build()));

        assertThat(body(0).get("reasoning_effort").asString()).isEqualTo(effort);
    }

    @Test
    void unsetReasoningEffortIsLeftOut() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));

        HubStub.model(hub).build().call(new Prompt("Why is the sky blue?"));

        assertThat(body(0).has("reasoning_effort")).isFalse();
    }

    @Test
    void unknownReasoningEffortFailsBeforeSendingNamingTheAllowedValues() {
        AifoChatModel model = HubStub.model(hub).build();
        Prompt prompt = new Prompt(
                "Why is the sky blue?",
                AifoChatOptions.builder().reasoningEffort("extreme").build());

        Throwable call = catchThrowable(() -> model.call(prompt));

        assertThat(call)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reasoningEffort")
                .hasMessageContaining("extreme")
                .hasMessageContaining("low, medium, high");
        StepVerifier.create(model.stream(prompt))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("reasoningEffort"))
                .verify(TIMEOUT);
        assertThat(HubStub.allRequests(hub)).isEmpty();
    }

    @Test
    void reasoningContentOfAWholeReplyIsOnTheAssistantMessageThroughChatClient() {
        HubStub.reply(hub, HubStub.json(200, reply("reasoning_content", "Rayleigh scattering favours short waves.")));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        ChatResponse response =
                client.prompt().user("Why is the sky blue?").call().chatResponse();

        AssistantMessage message = response.getResult().getOutput();
        assertThat(message.getText()).isEqualTo("Because of scattering.");
        assertThat(message.getMetadata()).containsEntry("reasoningContent", "Rayleigh scattering favours short waves.");
        assertThat(message.getMetadata()).doesNotContainKey("reasoningDelta");
    }

    @Test
    void reasoningUnderTheNameReasoningIsExposedTheSameWay() {
        HubStub.reply(hub, HubStub.json(200, reply("reasoning", "Short waves scatter more.")));

        AssistantMessage message = HubStub.model(hub)
                .build()
                .call(new Prompt("Why is the sky blue?"))
                .getResult()
                .getOutput();

        assertThat(message.getText()).isEqualTo("Because of scattering.");
        assertThat(message.getMetadata()).containsEntry("reasoningContent", "Short waves scatter more.");
    }

    @Test
    void aReplyWithoutReasoningHasNoReasoningKey() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));

        AssistantMessage message =
                HubStub.model(hub).build().call(new Prompt("hi")).getResult().getOutput();

        assertThat(message.getMetadata()).doesNotContainKey("reasoningContent");
    }

    @Test
    void streamedReasoningArrivesPieceByPieceAndTheAggregatedMessageHoldsAllOfIt() {
        HubStub.reply(
                hub,
                HubStub.sse(reasoningChunk("reasoning_content", "Short waves ")
                        + reasoningChunk("reasoning_content", "scatter ")
                        + reasoningChunk("reasoning_content", "more.")
                        + HubStub.contentChunk("Because of ")
                        + HubStub.contentChunk("scattering.")
                        + HubStub.finishChunk()
                        + HubStub.usageChunk()
                        + HubStub.DONE));
        AtomicReference<ChatResponse> aggregated = new AtomicReference<>();

        List<ChatResponse> responses = new MessageAggregator()
                .aggregate(HubStub.model(hub).build().stream(new Prompt("Why is the sky blue?")), aggregated::set)
                .collectList()
                .block(TIMEOUT);

        assertThat(responses).hasSizeGreaterThanOrEqualTo(5);
        assertThat(reasoningOf(responses.get(0)))
                .containsEntry("reasoningDelta", "Short waves ")
                .containsEntry("reasoningContent", "Short waves ");
        assertThat(reasoningOf(responses.get(1)))
                .containsEntry("reasoningDelta", "scatter ")
                .containsEntry("reasoningContent", "Short waves scatter ");
        assertThat(reasoningOf(responses.get(2)))
                .containsEntry("reasoningDelta", "more.")
                .containsEntry("reasoningContent", "Short waves scatter more.");
        for (int i = 0; i < 3; i++) {
            assertThat(responses.get(i).getResult().getOutput().getText()).isNullOrEmpty();
        }
        assertThat(responses.get(3).getResult().getOutput().getText()).isEqualTo("Because of ");
        assertThat(reasoningOf(responses.get(3))).doesNotContainKey("reasoningDelta");
        AssistantMessage whole = aggregated.get().getResult().getOutput();
        assertThat(whole.getText()).isEqualTo("Because of scattering.");
        assertThat(whole.getMetadata()).containsEntry("reasoningContent", "Short waves scatter more.");
    }

    @Test
    void streamedReasoningUnderTheNameReasoningIsExposedTheSameWay() {
        HubStub.reply(
                hub,
                HubStub.sse(reasoningChunk("reasoning", "Short ")
                        + reasoningChunk("reasoning", "waves.")
                        + HubStub.contentChunk("Scattering.")
                        + HubStub.finishChunk()
                        + HubStub.DONE));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("Why is the sky blue?"))
                .collectList()
                .block(TIMEOUT);

        assertThat(reasoningOf(responses.get(0))).containsEntry("reasoningDelta", "Short ");
        assertThat(reasoningOf(responses.get(1)))
                .containsEntry("reasoningDelta", "waves.")
                .containsEntry("reasoningContent", "Short waves.");
    }

    @Test
    void chatClientStreamShowsReasoningAsItArrivesAndKeepsItOutOfTheContent() {
        HubStub.reply(
                hub,
                HubStub.sse(reasoningChunk("reasoning_content", "Think ")
                        + reasoningChunk("reasoning_content", "hard.")
                        + HubStub.contentChunk("Blue.")
                        + HubStub.finishChunk()
                        + HubStub.DONE));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        List<ChatResponse> responses = client.prompt().user("Why is the sky blue?").stream()
                .chatResponse()
                .collectList()
                .block(TIMEOUT);
        List<String> content =
                client.prompt().user("again").stream().content().collectList().block(TIMEOUT);

        List<Object> deltas = responses.stream()
                .map(response -> response.getResult() == null
                        ? null
                        : response.getResult().getOutput().getMetadata().get("reasoningDelta"))
                .filter(delta -> delta != null)
                .toList();
        assertThat(deltas).containsExactly("Think ", "hard.");
        assertThat(content).containsExactly("Blue.");
    }

    private static java.util.Map<String, Object> reasoningOf(ChatResponse response) {
        return response.getResult().getOutput().getMetadata();
    }

    /** A whole completion whose message says "Because of scattering." and carries reasoning under {@code field}. */
    private static String reply(String field, String reasoning) {
        return """
                {"id":"chatcmpl-r","object":"chat.completion","created":1764000000,"model":"deepseek/deepseek-r1",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Because of scattering.",
                   "%s":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":40,"total_tokens":49,
                          "completion_tokens_details":{"reasoning_tokens":30}}}
                """.formatted(field, reasoning);
    }

    /** One {@code data:} event whose delta carries a reasoning piece under {@code field} and no content. */
    private static String reasoningChunk(String field, String piece) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"deepseek/deepseek-r1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":null,\"" + field + "\":\"" + piece + "\"},\"finish_reason\":null}]}\n\n";
    }

    private JsonNode body(int index) {
        return json.readTree(HubStub.requests(hub).get(index).getBodyAsString());
    }
}
