package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ir.aifo.internal.protocol.openai.CompletionUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AifoChatModelCallTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void chatClientCallReturnsTheHubsAnswerAndSendsTheDocumentedRequest() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام! AiFO یک هاب هوش مصنوعی است.")));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        String answer =
                client.prompt().user("سلام! یک جمله درباره AiFO بنویس.").call().content();

        assertThat(answer).isEqualTo("سلام! AiFO یک هاب هوش مصنوعی است.");
        LoggedRequest request = HubStub.requests(hub).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HubStub.API_KEY);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("User-Agent")).startsWith("aifo-spring-ai/");
        JsonNode body = json.readTree(request.getBodyAsString());
        assertThat(body.get("model").asString()).isEqualTo("openai/gpt-5-mini");
        assertThat(body.get("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"سلام! یک جمله درباره AiFO بنویس.\"}]");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void responseCarriesIdModelCreatedFingerprintUsageAndRateLimit() {
        HubStub.reply(
                hub,
                HubStub.json(200, HubStub.completion("hi"))
                        .withHeader("x-ratelimit-limit-requests", "500")
                        .withHeader("x-ratelimit-remaining-requests", "499")
                        .withHeader("x-ratelimit-reset-requests", "6m0s")
                        .withHeader("x-ratelimit-limit-tokens", "30000")
                        .withHeader("x-ratelimit-remaining-tokens", "29983")
                        .withHeader("x-ratelimit-reset-tokens", "20ms"));

        ChatResponse response = HubStub.model(hub).build().call(new Prompt("hi"));

        assertThat(response.getMetadata().getId()).isEqualTo("chatcmpl-1");
        assertThat(response.getMetadata().getModel()).isEqualTo("openai/gpt-5-mini");
        assertThat((Long) response.getMetadata().get("created")).isEqualTo(1764000000L);
        assertThat((String) response.getMetadata().get("system_fingerprint")).isEqualTo("fp_1");
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(12);
        assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(5);
        assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(17);
        assertThat(response.getMetadata().getUsage().getCacheReadInputTokens()).isEqualTo(4L);
        CompletionUsage nativeUsage =
                (CompletionUsage) response.getMetadata().getUsage().getNativeUsage();
        assertThat(nativeUsage.completionTokensDetails().reasoningTokens()).isEqualTo(2);
        var rateLimit = response.getMetadata().getRateLimit();
        assertThat(rateLimit.getRequestsLimit()).isEqualTo(500L);
        assertThat(rateLimit.getRequestsRemaining()).isEqualTo(499L);
        assertThat(rateLimit.getRequestsReset()).isEqualTo(Duration.ofMinutes(6));
        assertThat(rateLimit.getTokensLimit()).isEqualTo(30000L);
        assertThat(rateLimit.getTokensRemaining()).isEqualTo(29983L);
        assertThat(rateLimit.getTokensReset()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void everyOptionGoesOutUnderItsWireName() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        AifoChatOptions options = AifoChatOptions.builder()
                .model("tokenhub/gpt-4")
                .temperature(0.7)
                .topP(0.9)
                .n(1)
                .stopSequences(List.of("END", "STOP"))
                .maxTokens(256)
                .maxCompletionTokens(300)
                .presencePenalty(-0.5)
                .frequencyPenalty(1.5)
                .seed(42L)
                .user("user-7")
                .logitBias(Map.of("50256", -100))
                .build();

        HubStub.model(hub).build().call(new Prompt("hi", options));

        JsonNode body = json.readTree(HubStub.requests(hub).get(0).getBodyAsString());
        assertThat(body.get("model").asString()).isEqualTo("tokenhub/gpt-4");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("n").asInt()).isEqualTo(1);
        assertThat(body.get("stop").toString()).isEqualTo("[\"END\",\"STOP\"]");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(300);
        assertThat(body.get("presence_penalty").asDouble()).isEqualTo(-0.5);
        assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(1.5);
        assertThat(body.get("seed").asLong()).isEqualTo(42L);
        assertThat(body.get("user").asString()).isEqualTo("user-7");
        assertThat(body.get("logit_bias").toString()).isEqualTo("{\"50256\":-100}");
        assertThat(body.has("stream_options")).isFalse();
    }
}
