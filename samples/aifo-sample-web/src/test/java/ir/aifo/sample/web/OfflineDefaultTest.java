package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * With no API key the built-in simulator answers for both hubs and the sample says so; MyAIHub's GPT
 * bucket, two requests from spent, runs out, and the third message is answered by AiFO.
 */
@OfflineSampleTest
class OfflineDefaultTest {

    @LocalServerPort
    int port;

    @Test
    void withoutKeysBothHubsAreTheBuiltInSimulator() throws Exception {
        HttpResponse<String> response = new ChatApiClient(port).get("/api/hubs");

        JsonNode hubs = ChatApiClient.json(response.body());
        assertThat(hubs.path("simulator").asBoolean()).isTrue();
        assertThat(hubs.path("hubs").size()).isEqualTo(2);
        JsonNode myAiHub = hubs.path("hubs").get(0);
        assertThat(myAiHub.path("name").asString()).isEqualTo("myaihub");
        assertThat(myAiHub.path("simulated").asBoolean()).isTrue();
        assertThat(myAiHub.path("keyVariable").asString()).isEqualTo("MYAIHUB_API_KEY");
        assertThat(myAiHub.path("baseUrl").asString()).matches("http://127\\.0\\.0\\.1:\\d+/hubs/myaihub");
        JsonNode aifo = hubs.path("hubs").get(1);
        assertThat(aifo.path("name").asString()).isEqualTo("aifo");
        assertThat(aifo.path("simulated").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain("aifo_sk_");
    }

    @Test
    void theThirdMessageFallsBackToAifoAndSaysWhyMyAiHubWasSkipped() throws Exception {
        ChatApiClient api = new ChatApiClient(port);

        ChatApiClient.Reply first = api.chat("سلام", null);
        api.chat("دوباره", null);
        ChatApiClient.Reply third = api.chat("سوم", null);

        assertThat(first.text()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
        assertThat(first.last().json().path("hub").asString()).isEqualTo("myaihub");
        assertThat(first.last().json().path("simulated").asBoolean()).isTrue();
        assertThat(third.text()).isEqualTo("پاسخ شبیه‌ساز به «سوم»");
        JsonNode meta = third.last().json();
        assertThat(meta.path("hub").asString()).isEqualTo("aifo");
        assertThat(meta.path("simulated").asBoolean()).isTrue();
        assertThat(meta.path("route").asString()).isEqualTo("smart");
        assertThat(meta.path("fallbacks").size()).isEqualTo(1);
        JsonNode skipped = meta.path("fallbacks").get(0);
        assertThat(skipped.path("target").asString()).isEqualTo("myaihub:openai/gpt-5-mini");
        assertThat(skipped.path("reason").asString()).isEqualTo("quota spent");
        assertThat(skipped.path("sent").asBoolean()).isFalse();

        JsonNode hubs = ChatApiClient.json(api.get("/api/hubs").body());
        JsonNode gpt = hubs.path("hubs").get(0).path("quota").path("buckets").path("openai");
        assertThat(gpt.path("used").asLong()).isEqualTo(80);
        assertThat(gpt.path("remaining").asLong()).isZero();
        JsonNode coolDown = hubs.path("routes").get(0).path("targets").get(0).path("coolDown");
        assertThat(coolDown.path("reason").asString()).isEqualTo("quota spent");
        assertThat(coolDown.path("until").asString()).matches("\\d{4}-\\d{2}-01T00:00:00Z");
    }
}
