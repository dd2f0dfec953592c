package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AifoChatModelToolsTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final JsonMapper json = JsonMapper.builder().build();

    static class Weather {

        @Tool(description = "Current temperature of a city in degrees Celsius")
        int temperature(@ToolParam(description = "City name") String city) {
            return city.equals("Tehran") ? 31 : 0;
        }
    }

    @Test
    void chatClientRunsAToolLoopAgainstTheHub() {
        hub.stubFor(post(urlEqualTo(HubStub.PATH))
                .inScenario("tool loop")
                .whenScenarioStateIs(STARTED)
                .willReturn(HubStub.json(200, """
                        {"id":"c1","model":"openai/gpt-5-mini","choices":[{"index":0,"finish_reason":"tool_calls",
                         "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                         "function":{"name":"temperature","arguments":"{\\"city\\":\\"Tehran\\"}"}}]}}]}
                        """))
                .willSetStateTo("answered tool"));
        hub.stubFor(post(urlEqualTo(HubStub.PATH))
                .inScenario("tool loop")
                .whenScenarioStateIs("answered tool")
                .willReturn(HubStub.json(200, HubStub.completion("It is 31 degrees in Tehran."))));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        String answer = client.prompt()
                .user("How warm is Tehran?")
                .tools(new Weather())
                .call()
                .content();

        assertThat(answer).isEqualTo("It is 31 degrees in Tehran.");
        List<JsonNode> bodies = HubStub.requests(hub).stream()
                .map(request -> json.readTree(request.getBodyAsString()))
                .toList();
        assertThat(bodies).hasSize(2);
        JsonNode tool = bodies.get(0).get("tools").get(0);
        assertThat(tool.get("type").asString()).isEqualTo("function");
        assertThat(tool.get("function").get("name").asString()).isEqualTo("temperature");
        assertThat(tool.get("function").get("description").asString()).contains("Current temperature");
        assertThat(tool.get("function").get("parameters").get("properties").has("city"))
                .isTrue();
        JsonNode history = bodies.get(1).get("messages");
        assertThat(history.get(1).get("role").asString()).isEqualTo("assistant");
        assertThat(history.get(1).get("tool_calls").get(0).get("id").asString()).isEqualTo("call_1");
        assertThat(history.get(2).get("role").asString()).isEqualTo("tool");
        assertThat(history.get(2).get("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(history.get(2).get("content").asString()).isEqualTo("31");
    }
}
