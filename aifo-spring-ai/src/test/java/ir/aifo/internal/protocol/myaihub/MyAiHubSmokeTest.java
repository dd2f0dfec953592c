package ir.aifo.internal.protocol.myaihub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.HubStub;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.quota.HubQuota;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

class MyAiHubSmokeTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final Clock december = Clock.fixed(Instant.parse("2025-12-20T10:00:00Z"), ZoneOffset.UTC);

    private AifoChatModel model() {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(hub.baseUrl())
                        .apiKey("MASTER-KEY-123456")
                        .protocol(AifoProtocol.MYAIHUB)
                        .build())
                .clock(december)
                .retryTemplate(HubStub.fastRetry(1))
                .defaultOptions(
                        AifoChatOptions.builder().model("openai/gpt-5.2").build())
                .build();
    }

    @Test
    void replyAndQuotaFromTheDocumentsExample() {
        hub.stubFor(post(urlEqualTo("/api/chat_v3.php"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {
                                  "error": false,
                                  "reply": "متن پاسخ مدل اینجاست...",
                                  "model": "openai/gpt-5.2",
                                  "source": "openai",
                                  "plan": "vip",
                                  "usage": {"plan": "vip", "period": "2025-12", "used": 12, "limit": 830, "remaining": 818},
                                  "usage_breakdown": {
                                    "openrouter": { "used": 10, "limit": 750, "remaining": 740 },
                                    "openai":     { "used": 2,  "limit": 80,  "remaining": 78 }
                                  }
                                }
                                """)));

        ChatResponse response =
                ChatClient.create(model()).prompt().user("سلام").call().chatResponse();

        assertThat(response.getResult().getOutput().getText()).isEqualTo("متن پاسخ مدل اینجاست...");
        HubQuota quota = response.getMetadata().get(AifoMetadata.QUOTA);
        assertThat(quota.plan()).isEqualTo("vip");
        assertThat(quota.bucket("openai").orElseThrow().remaining()).isEqualTo(78);
        assertThat(response.getMetadata().getRateLimit().getRequestsRemaining()).isEqualTo(78L);
        assertThat(response.getMetadata().getRateLimit().getRequestsReset())
                .isEqualTo(java.time.Duration.ofDays(11).plusHours(14));
        assertThat(hub.findAll(postRequestedFor(urlEqualTo("/api/chat_v3.php")))
                        .get(0)
                        .getBodyAsString())
                .contains("\"api_key\":\"MASTER-KEY-123456\"")
                .contains("\"prompt\":\"سلام\"");
    }

    @Test
    void spentGptQuotaFailsFastOnTheNextCall() {
        hub.stubFor(post(urlEqualTo("/api/chat_v3.php"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {
                                  "error": true,
                                  "message": "سقف ماهانه GPT/OpenAI شما تمام شده است.",
                                  "plan": "vip",
                                  "usage_breakdown": {
                                    "openai": { "used": 80, "limit": 80, "remaining": 0 }
                                  }
                                }
                                """)));
        AifoChatModel model = model();

        Throwable first = catchThrowable(() -> model.call(new Prompt("سلام")));
        Throwable second = catchThrowable(() -> model.call(new Prompt("سلام")));

        assertThat(first).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining("سقف ماهانه GPT/OpenAI");
        assertThat(((AifoQuotaExceededException) first).getProvider()).isEqualTo("openai");
        assertThat(second).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining("not sent");
        assertThat(hub.findAll(postRequestedFor(urlEqualTo("/api/chat_v3.php"))))
                .hasSize(1);
    }
}
