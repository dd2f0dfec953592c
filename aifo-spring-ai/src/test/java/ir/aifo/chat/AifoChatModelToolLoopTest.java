package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tool loop through ChatClient when streaming, and the tool options as they go over the wire. */
class AifoChatModelToolLoopTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final JsonMapper json = JsonMapper.builder().build();

    /** A tool that records the cities it was asked about, so a test sees that Spring AI ran it. */
    static class Weather {

        final List<String> asked = new CopyOnWriteArrayList<>();

        @Tool(description = "Current temperature of a city in degrees Celsius")
        int temperature(@ToolParam(description = "City name") String city) {
            asked.add(city);
            return switch (city) {
                case "Tehran" -> 31;
                case "Tabriz" -> 12;
                default -> 0;
            };
        }
    }

    @Test
    void streamingChatClientRunsTheToolLoopWithArgumentsSplitAcrossChunks() {
        twoRounds(
                HubStub.sse(HubStub.toolCallChunk(0, "call_1", "temperature", "")
                        + HubStub.toolCallChunk(0, null, null, "{\"ci")
                        + HubStub.toolCallChunk(0, null, null, "ty\":\"Teh")
                        + HubStub.toolCallChunk(0, null, null, "ran\"}")
                        + HubStub.finishChunk("tool_calls")
                        + HubStub.usageChunk()
                        + HubStub.DONE),
                HubStub.sse(HubStub.contentChunk("It is 31 ")
                        + HubStub.contentChunk("degrees in Tehran.")
                        + HubStub.finishChunk()
                        + HubStub.usageChunk()
                        + HubStub.DONE));
        Weather weather = new Weather();
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        List<String> deltas = client.prompt().user("How warm is Tehran?").tools(weather).stream()
                .content()
                .collectList()
                .block(TIMEOUT);

        assertThat(String.join("", deltas)).isEqualTo("It is 31 degrees in Tehran.");
        assertThat(weather.asked).containsExactly("Tehran");
        List<JsonNode> bodies = bodies();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).get("stream").asBoolean()).isTrue();
        assertThat(bodies.get(0).get("tools").get(0).get("function").get("name").asString())
                .isEqualTo("temperature");
        assertThat(bodies.get(1).get("stream").asBoolean()).isTrue();
        JsonNode history = bodies.get(1).get("messages");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"How warm is Tehran?\"}");
        JsonNode assistant = history.get(1);
        assertThat(assistant.get("role").asString()).isEqualTo("assistant");
        // Spring AI's aggregation leaves the text "", which some hubs reject next to tool calls.
        assertThat(assistant.has("content")).isFalse();
        assertThat(assistant.get("tool_calls")).hasSize(1);
        JsonNode call = assistant.get("tool_calls").get(0);
        assertThat(call.get("id").asString()).isEqualTo("call_1");
        assertThat(call.get("type").asString()).isEqualTo("function");
        assertThat(call.get("function").get("name").asString()).isEqualTo("temperature");
        // The pieces joined into one JSON string, exactly as the hub sent them.
        assertThat(call.get("function").get("arguments").asString()).isEqualTo("{\"city\":\"Tehran\"}");
        JsonNode toolResult = history.get(2);
        assertThat(toolResult.get("role").asString()).isEqualTo("tool");
        assertThat(toolResult.get("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(toolResult.get("content").asString()).isEqualTo("31");
        // The second request still offers the tool, so the model could call it again.
        assertThat(bodies.get(1).get("tools").get(0).get("function").get("name").asString())
                .isEqualTo("temperature");
    }

    @Test
    void twoToolCallsInterleavedByIndexInOneStreamBothRun() {
        twoRounds(
                HubStub.sse(HubStub.toolCallChunk(0, "call_a", "temperature", "")
                        + HubStub.toolCallChunk(1, "call_b", "temperature", "")
                        + HubStub.toolCallChunk(0, null, null, "{\"city\":")
                        + HubStub.toolCallChunk(1, null, null, "{\"city\":\"Tab")
                        + HubStub.toolCallChunk(0, null, null, "\"Tehran\"}")
                        + HubStub.toolCallChunk(1, null, null, "riz\"}")
                        + HubStub.finishChunk("tool_calls")
                        + HubStub.DONE),
                HubStub.sse(HubStub.contentChunk("Tehran 31, Tabriz 12.") + HubStub.finishChunk() + HubStub.DONE));
        Weather weather = new Weather();
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        String answer = String.join(
                "",
                client.prompt().user("Tehran or Tabriz: which is warmer?").tools(weather).stream()
                        .content()
                        .collectList()
                        .block(TIMEOUT));

        assertThat(answer).isEqualTo("Tehran 31, Tabriz 12.");
        assertThat(weather.asked).containsExactlyInAnyOrder("Tehran", "Tabriz");
        JsonNode history = bodies().get(1).get("messages");
        assertThat(history).hasSize(4);
        JsonNode calls = history.get(1).get("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("id").asString()).isEqualTo("call_a");
        assertThat(calls.get(0).get("function").get("arguments").asString()).isEqualTo("{\"city\":\"Tehran\"}");
        assertThat(calls.get(1).get("id").asString()).isEqualTo("call_b");
        assertThat(calls.get(1).get("function").get("arguments").asString()).isEqualTo("{\"city\":\"Tabriz\"}");
        assertThat(history.get(2).get("role").asString()).isEqualTo("tool");
        assertThat(history.get(2).get("tool_call_id").asString()).isEqualTo("call_a");
        assertThat(history.get(2).get("content").asString()).isEqualTo("31");
        assertThat(history.get(3).get("role").asString()).isEqualTo("tool");
        assertThat(history.get(3).get("tool_call_id").asString()).isEqualTo("call_b");
        assertThat(history.get(3).get("content").asString()).isEqualTo("12");
    }

    @Test
    void toolCallsOfAStreamThatEndsWithoutAFinishReasonStillRunAndTextBeforeThemReachesTheUser() {
        twoRounds(
                HubStub.sse(HubStub.contentChunk("Let me check. ")
                        + HubStub.toolCallChunk(0, "call_1", "temperature", "{\"city\"")
                        + HubStub.toolCallChunk(0, null, null, ":\"Tabriz\"}")
                        + HubStub.DONE),
                HubStub.sse(HubStub.contentChunk("12 degrees.") + HubStub.finishChunk() + HubStub.DONE));
        Weather weather = new Weather();
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        List<String> deltas = client.prompt().user("How warm is Tabriz?").tools(weather).stream()
                .content()
                .collectList()
                .block(TIMEOUT);

        assertThat(deltas).containsExactly("Let me check. ", "12 degrees.");
        assertThat(weather.asked).containsExactly("Tabriz");
        JsonNode assistant = bodies().get(1).get("messages").get(1);
        assertThat(assistant.get("content").asString()).isEqualTo("Let me check. ");
        assertThat(assistant
                        .get("tool_calls")
                        .get(0)
                        .get("function")
                        .get("arguments")
                        .asString())
                .isEqualTo("{\"city\":\"Tabriz\"}");
        assertThat(bodies().get(1).get("messages").get(2).get("tool_call_id").asString())
                .isEqualTo("call_1");
    }

    @Test
    void blockingReplyWithToolCallsIsAnAssistantMessageWithCompleteCallsAndNoSecondRequest() {
        HubStub.reply(hub, HubStub.json(200, """
                {"id":"c1","model":"openai/gpt-5-mini","choices":[{"index":0,"finish_reason":"tool_calls",
                 "message":{"role":"assistant","content":null,"tool_calls":[
                  {"id":"call_1","type":"function","function":{"name":"temperature","arguments":"{\\"city\\":\\"Tehran\\"}"}},
                  {"id":"call_2","type":"function","function":{"name":"temperature","arguments":"{\\"city\\":\\"Tabriz\\"}"}}]}}]}
                """));
        Weather weather = new Weather();
        AifoChatOptions options = AifoChatOptions.builder()
                .toolCallbacks(ToolCallbacks.from(weather))
                .build();

        ChatResponse response = HubStub.model(hub).build().call(new Prompt("How warm are they?", options));

        AssistantMessage message = response.getResult().getOutput();
        assertThat(message.getText()).isNull();
        assertThat(message.getToolCalls())
                .containsExactly(
                        new AssistantMessage.ToolCall("call_1", "function", "temperature", "{\"city\":\"Tehran\"}"),
                        new AssistantMessage.ToolCall("call_2", "function", "temperature", "{\"city\":\"Tabriz\"}"));
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("tool_calls");
        assertThat(response.hasToolCalls()).isTrue();
        // The model hands the calls back; running them is ChatClient's job.
        assertThat(weather.asked).isEmpty();
        assertThat(HubStub.requests(hub)).hasSize(1);
        assertThat(bodies().get(0)
                        .get("tools")
                        .get(0)
                        .get("function")
                        .get("name")
                        .asString())
                .isEqualTo("temperature");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            none        | "none"
            auto        | "auto"
            required    | "required"
            temperature | {"type":"function","function":{"name":"temperature"}}
            """)
    void toolChoiceGoesOutAsAModeStringOrANamedFunction(String choice, String wire) {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        AifoChatOptions options = AifoChatOptions.builder()
                .toolCallbacks(ToolCallbacks.from(new Weather()))
                .toolChoice(choice)
                .build();

        HubStub.model(hub).build().call(new Prompt("How warm is Tehran?", options));

        assertThat(bodies().get(0).get("tool_choice").toString()).isEqualTo(wire);
    }

    @Test
    void toolChoiceAndParallelToolCallsGivenThroughChatClientGoOut() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        client.prompt()
                .user("How warm is Tehran?")
                .tools(new Weather())
                .options(AifoChatOptions.builder().toolChoice("required").parallelToolCalls(false))
                .call()
                .content();

        JsonNode body = bodies().get(0);
        assertThat(body.get("tool_choice").asString()).isEqualTo("required");
        assertThat(body.get("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
    }

    @Test
    void unsetToolChoiceAndParallelToolCallsAreLeftOut() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));

        HubStub.model(hub).build().call(new Prompt("hi"));

        JsonNode body = bodies().get(0);
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
        assertThat(body.has("tools")).isFalse();
    }

    private static void twoRounds(ResponseDefinitionBuilder first, ResponseDefinitionBuilder second) {
        hub.stubFor(post(urlEqualTo(HubStub.PATH))
                .inScenario("tool loop")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("tool answered"));
        hub.stubFor(post(urlEqualTo(HubStub.PATH))
                .inScenario("tool loop")
                .whenScenarioStateIs("tool answered")
                .willReturn(second));
    }

    private List<JsonNode> bodies() {
        return HubStub.requests(hub).stream()
                .map(request -> json.readTree(request.getBodyAsString()))
                .toList();
    }
}
