package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.AifoSimulatorProperties;
import ir.aifo.testing.LogCapture;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The chat API against the simulator's MyAIHub dialect: plans and monthly quotas per provider. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"aifo.simulator.enabled=false", "spring.ai.aifo.chat.model=openai/gpt-5-mini"})
class MyAiHubChatApiTest {

    @RegisterExtension
    static final AifoSimulatorExtension hub = new AifoSimulatorExtension();

    @RegisterExtension
    final LogCapture replyLog = LogCapture.of(ChatController.class);

    @DynamicPropertySource
    static void pointAtSimulator(DynamicPropertyRegistry registry) {
        AifoSimulatorProperties.registerMyAiHub(registry, hub.simulator());
    }

    @LocalServerPort
    int port;

    @Test
    void theMetaEventCarriesThePlanAndTheMonthlyQuotaPerProvider() throws Exception {
        ChatApiClient.Reply reply = new ChatApiClient(port).chat("سلام", null);

        // MyAIHub does not stream: the whole answer comes as one piece.
        assertThat(reply.text()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
        ChatApiClient.Event meta = reply.last();
        assertThat(meta.name()).isEqualTo(ChatController.META);
        assertThat(meta.json().path("model").asString()).isEqualTo("openai/gpt-5-mini");
        JsonNode quota = meta.json().path("quota");
        assertThat(quota.path("plan").asString()).isEqualTo("vip");
        assertThat(quota.path("period").asString())
                .isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        JsonNode openAi = quota.path("buckets").path("openai");
        assertThat(openAi.path("used").asLong()).isEqualTo(1);
        assertThat(openAi.path("limit").asLong()).isEqualTo(80);
        assertThat(openAi.path("remaining").asLong()).isEqualTo(79);
        assertThat(quota.path("buckets").path("openrouter").path("limit").asLong())
                .isEqualTo(750);
    }

    @Test
    @DirtiesContext // The model's quota tracker now knows the GPT bucket is spent and would fail fast later.
    void aSpentQuotaIsAReadableErrorInTheHubsOwnWords(AifoHubSimulator simulator) throws Exception {
        simulator.myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);

        ChatApiClient.Reply reply = new ChatApiClient(port).chat("سلام", null);

        ChatApiClient.Event error = reply.last();
        assertThat(error.name()).isEqualTo(ChatController.ERROR);
        assertThat(error.json().path("kind").asString()).isEqualTo("quota");
        assertThat(error.json().path("message").asString())
                .startsWith("This month's quota for openai is used up on the vip plan.");
        assertThat(error.json().path("hubMessage").asString()).isEqualTo("سقف ماهانه GPT/OpenAI شما تمام شده است.");
        assertThat(error.json()
                        .path("quota")
                        .path("buckets")
                        .path("openai")
                        .path("remaining")
                        .asLong())
                .isZero();
        ChatApiTest.assertNothingInternalIn(reply);
        assertThat(ChatApiTest.loggedFailure(replyLog)).startsWith("Reply failed (quota): ");
    }
}
