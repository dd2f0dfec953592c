package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** With no API key the sample answers from the built-in simulator and says so. */
@OfflineSampleTest
class OfflineDefaultTest {

    @LocalServerPort
    int port;

    @Test
    void withoutAKeyTheHubIsTheBuiltInSimulator() throws Exception {
        HttpResponse<String> response = new ChatApiClient(port).get("/api/hub");

        JsonNode hub = ChatApiClient.json(response.body());
        assertThat(hub.path("simulator").asBoolean()).isTrue();
        assertThat(hub.path("baseUrl").asString()).startsWith("http://127.0.0.1:");
        assertThat(hub.path("protocol").asString()).isEqualTo("openai");
        assertThat(response.body()).doesNotContain("aifo_sk_");
    }

    @Test
    void withoutAKeyTheSimulatorAnswers() throws Exception {
        ChatApiClient.Reply reply = new ChatApiClient(port).chat("سلام", null);

        assertThat(reply.text()).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(reply.last().name()).isEqualTo(ChatController.META);
    }
}
