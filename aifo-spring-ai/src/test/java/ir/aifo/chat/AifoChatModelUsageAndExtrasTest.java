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
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Usage details, audio, extra body and headers, and several choices, as sent and as seen. */
class AifoChatModelUsageAndExtrasTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String DETAILED_USAGE = """
            {"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,
             "prompt_tokens_details":{"cached_tokens":1024,"text_tokens":1100,"audio_tokens":0,"image_tokens":100},
             "completion_tokens_details":{"text_tokens":90,"audio_tokens":10,"reasoning_tokens":200,
                                          "accepted_prediction_tokens":3,"rejected_prediction_tokens":1}}""";

    private final JsonMapper json = JsonMapper.builder().build();

    // ---- usage -------------------------------------------------------------------------------

    @Test
    void cachedTokensAreCacheReadTokensAndEveryDetailStaysOnTheNativeUsage() {
        HubStub.reply(hub, HubStub.json(200, """
                {"id":"c1","model":"openai/gpt-5-mini","choices":[{"index":0,
                  "message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":%s}
                """.formatted(DETAILED_USAGE)));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        Usage usage =
                client.prompt().user("hi").call().chatResponse().getMetadata().getUsage();

        assertThat(usage.getPromptTokens()).isEqualTo(1200);
        assertThat(usage.getCompletionTokens()).isEqualTo(300);
        assertThat(usage.getTotalTokens()).isEqualTo(1500);
        assertThat(usage.getCacheReadInputTokens()).isEqualTo(1024L);
        assertThat(usage.getNativeUsage()).isInstanceOf(CompletionUsage.class);
        CompletionUsage hubUsage = (CompletionUsage) usage.getNativeUsage();
        assertThat(hubUsage.completionTokensDetails().reasoningTokens()).isEqualTo(200);
        assertThat(hubUsage.completionTokensDetails().audioTokens()).isEqualTo(10);
        assertThat(hubUsage.completionTokensDetails().textTokens()).isEqualTo(90);
        assertThat(hubUsage.completionTokensDetails().acceptedPredictionTokens())
                .isEqualTo(3);
        assertThat(hubUsage.completionTokensDetails().rejectedPredictionTokens())
                .isEqualTo(1);
        assertThat(hubUsage.promptTokensDetails().imageTokens()).isEqualTo(100);
        assertThat(hubUsage.promptTokensDetails().textTokens()).isEqualTo(1100);
        assertThat(hubUsage.promptTokensDetails().audioTokens()).isZero();
    }

    @Test
    void usageWithoutDetailsHasNoCacheReadTokens() {
        HubStub.reply(hub, HubStub.json(200, """
                {"id":"c1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
                """));

        Usage usage =
                HubStub.model(hub).build().call(new Prompt("hi")).getMetadata().getUsage();

        assertThat(usage.getTotalTokens()).isEqualTo(4);
        assertThat(usage.getCacheReadInputTokens()).isNull();
    }

    @Test
    void streamedUsageArrivesOnceOnTheLastResponseWithItsDetails() {
        HubStub.reply(
                hub,
                HubStub.sse(HubStub.contentChunk("Hel")
                        + HubStub.contentChunk("lo")
                        + HubStub.finishChunk()
                        + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                        + "\"choices\":[],\"usage\":" + DETAILED_USAGE.replace("\n", "") + "}\n\n"
                        + HubStub.DONE));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("hi"))
                .collectList()
                .block(TIMEOUT);

        ChatResponse last = responses.get(responses.size() - 1);
        for (ChatResponse earlier : responses.subList(0, responses.size() - 1)) {
            assertThat(earlier.getMetadata().getUsage()).isInstanceOf(EmptyUsage.class);
        }
        Usage usage = last.getMetadata().getUsage();
        assertThat(usage.getTotalTokens()).isEqualTo(1500);
        assertThat(usage.getCacheReadInputTokens()).isEqualTo(1024L);
        assertThat(((CompletionUsage) usage.getNativeUsage())
                        .completionTokensDetails()
                        .reasoningTokens())
                .isEqualTo(200);
        assertThat(body(0).get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
    }

    // ---- modalities and audio ---------------------------------------------------------------

    @Test
    void modalitiesAndAudioGoOutAsGiven() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        AifoChatOptions options = AifoChatOptions.builder()
                .modalities(List.of("text", "audio"))
                .audio(Map.of("voice", "alloy"))
                .build();

        HubStub.model(hub).build().call(new Prompt("Say hi", options));
        HubStub.model(hub)
                .build()
                .call(new Prompt(
                        "Say hi",
                        AifoChatOptions.builder()
                                .modalities(List.of("text"))
                                .audio(Map.of("voice", "verse", "format", "mp3", "speed", 1.25))
                                .build()));

        assertThat(body(0).get("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
        assertThat(body(0).get("audio").toString()).isEqualTo("{\"voice\":\"alloy\"}");
        assertThat(body(1).get("modalities").toString()).isEqualTo("[\"text\"]");
        assertThat(body(1).get("audio"))
                .isEqualTo(json.readTree("{\"voice\":\"verse\",\"format\":\"mp3\",\"speed\":1.25}"));
    }

    @Test
    void audioInAReplyIsKeptOnTheAssistantMessage() {
        HubStub.reply(hub, HubStub.json(200, """
                {"id":"c1","model":"openai/gpt-4o-audio-preview","choices":[{"index":0,"finish_reason":"stop",
                  "message":{"role":"assistant","content":null,
                   "audio":{"id":"audio_1","data":"UklGRg==","expires_at":1764003600,"transcript":"Hi there"}}}]}
                """));

        ChatResponse response = HubStub.model(hub)
                .build()
                .call(new Prompt(
                        "Say hi",
                        AifoChatOptions.builder()
                                .modalities(List.of("text", "audio"))
                                .audio(Map.of("voice", "alloy", "format", "wav"))
                                .build()));

        Object audio = response.getResult().getOutput().getMetadata().get("audio");
        assertThat(audio).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> spoken = (Map<String, Object>) audio;
        assertThat(spoken)
                .containsEntry("id", "audio_1")
                .containsEntry("data", "UklGRg==")
                .containsEntry("transcript", "Hi there")
                .containsKey("expires_at");
    }

    // ---- extra body and headers ------------------------------------------------------------

    @Test
    void extraBodyIsMergedIntoTheTopLevelAndWinsOverATypedField() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        AifoChatOptions options = AifoChatOptions.builder()
                .temperature(0.9)
                .extraBody(Map.of(
                        "provider", Map.of("order", List.of("openai")),
                        "temperature", 0.1,
                        "transforms", List.of("middle-out")))
                .build();

        HubStub.model(hub).build().call(new Prompt("hi", options));

        JsonNode body = body(0);
        assertThat(body.get("provider").toString()).isEqualTo("{\"order\":[\"openai\"]}");
        assertThat(body.get("transforms").toString()).isEqualTo("[\"middle-out\"]");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.has("extraBody")).isFalse();
        assertThat(body.has("extra_body")).isFalse();
        assertThat(body.get("model").asString()).isEqualTo("openai/gpt-5-mini");
        assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("hi");
    }

    @Test
    void extraBodyGoesOutOnStreamRequestsToo() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("ok") + HubStub.finishChunk() + HubStub.DONE));
        AifoChatOptions options = AifoChatOptions.builder()
                .extraBody(Map.of("provider", Map.of("sort", "price")))
                .build();

        HubStub.model(hub).build().stream(new Prompt("hi", options)).blockLast(TIMEOUT);

        JsonNode body = body(0);
        assertThat(body.get("provider").toString()).isEqualTo("{\"sort\":\"price\"}");
        assertThat(body.get("stream").asBoolean()).isTrue();
    }

    @Test
    void httpHeadersGoOutAndNeverReplaceTheBearerKey() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Title", "my-app");
        headers.put("HTTP-Referer", "https://example.com");
        headers.put("Authorization", "Bearer someone-elses-key");
        headers.put("authorization", "Basic dXNlcjpwYXNz");

        HubStub.model(hub)
                .build()
                .call(new Prompt(
                        "hi", AifoChatOptions.builder().httpHeaders(headers).build()));

        LoggedRequest request = HubStub.requests(hub).get(0);
        assertThat(request.getHeader("X-Title")).isEqualTo("my-app");
        assertThat(request.getHeader("HTTP-Referer")).isEqualTo("https://example.com");
        assertThat(request.getHeaders().getHeader("Authorization").values())
                .containsExactly("Bearer " + HubStub.API_KEY);
        // Headers are not body fields.
        assertThat(body(0).has("X-Title")).isFalse();
    }

    @Test
    void httpHeadersGoOutOnStreamRequestsToo() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("ok") + HubStub.finishChunk() + HubStub.DONE));

        HubStub.model(hub).build().stream(new Prompt(
                        "hi",
                        AifoChatOptions.builder()
                                .httpHeaders(Map.of("X-Title", "my-app"))
                                .build()))
                .blockLast(TIMEOUT);

        LoggedRequest request = HubStub.requests(hub).get(0);
        assertThat(request.getHeader("X-Title")).isEqualTo("my-app");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HubStub.API_KEY);
    }

    @Test
    void requestExtraBodyAndHeadersMergeWithTheModelsDefaults() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        AifoChatModel model = HubStub.model(hub)
                .defaultOptions(AifoChatOptions.builder()
                        .model("openai/gpt-5-mini")
                        .extraBody(Map.of("provider", Map.of("order", List.of("openai")), "user_tier", "free"))
                        .httpHeaders(Map.of("X-Title", "my-app", "X-Env", "prod"))
                        .build())
                .build();
        ChatClient client = ChatClient.create(model);

        client.prompt()
                .user("hi")
                .options(AifoChatOptions.builder()
                        .extraBody(Map.of("transforms", List.of("middle-out"), "user_tier", "pro"))
                        .httpHeaders(Map.of("X-Trace", "42", "X-Env", "staging")))
                .call()
                .content();
        model.call(new Prompt(
                "hi",
                AifoChatOptions.builder()
                        .extraBody(Map.of("transforms", List.of()))
                        .httpHeaders(Map.of("X-Trace", "43"))
                        .build()));
        client.prompt().user("hi").call().content();

        JsonNode viaClient = body(0);
        assertThat(viaClient.get("provider").toString()).isEqualTo("{\"order\":[\"openai\"]}");
        assertThat(viaClient.get("transforms").toString()).isEqualTo("[\"middle-out\"]");
        assertThat(viaClient.get("user_tier").asString()).isEqualTo("pro");
        LoggedRequest first = HubStub.requests(hub).get(0);
        assertThat(first.getHeader("X-Title")).isEqualTo("my-app");
        assertThat(first.getHeader("X-Trace")).isEqualTo("42");
        assertThat(first.getHeader("X-Env")).isEqualTo("staging");

        JsonNode direct = body(1);
        assertThat(direct.get("provider").toString()).isEqualTo("{\"order\":[\"openai\"]}");
        assertThat(direct.get("user_tier").asString()).isEqualTo("free");
        assertThat(direct.get("transforms").toString()).isEqualTo("[]");
        LoggedRequest second = HubStub.requests(hub).get(1);
        assertThat(second.getHeader("X-Title")).isEqualTo("my-app");
        assertThat(second.getHeader("X-Trace")).isEqualTo("43");
        assertThat(second.getHeader("X-Env")).isEqualTo("prod");

        // A request's extras do not stick to the model.
        JsonNode plain = body(2);
        assertThat(plain.has("transforms")).isFalse();
        assertThat(plain.get("user_tier").asString()).isEqualTo("free");
        assertThat(HubStub.requests(hub).get(2).containsHeader("X-Trace")).isFalse();
    }

    // ---- several choices -------------------------------------------------------------------

    @Test
    void nOfTwoYieldsTwoGenerationsInACall() {
        HubStub.reply(hub, HubStub.json(200, """
                {"id":"c1","model":"openai/gpt-5-mini","choices":[
                  {"index":0,"message":{"role":"assistant","content":"Salam"},"finish_reason":"stop"},
                  {"index":1,"message":{"role":"assistant","content":"Dorood"},"finish_reason":"length"}]}
                """));

        ChatResponse response = HubStub.model(hub)
                .build()
                .call(new Prompt("Greet me", AifoChatOptions.builder().n(2).build()));

        assertThat(body(0).get("n").asInt()).isEqualTo(2);
        List<Generation> generations = response.getResults();
        assertThat(generations).hasSize(2);
        assertThat(generations.get(0).getOutput().getText()).isEqualTo("Salam");
        assertThat(generations.get(0).getOutput().getMetadata()).containsEntry("index", 0);
        assertThat(generations.get(0).getMetadata().getFinishReason()).isEqualTo("stop");
        assertThat(generations.get(1).getOutput().getText()).isEqualTo("Dorood");
        assertThat(generations.get(1).getOutput().getMetadata()).containsEntry("index", 1);
        assertThat(generations.get(1).getMetadata().getFinishReason()).isEqualTo("length");
    }

    @Test
    void nOfTwoInAStreamGivesChunksOfBothChoicesWithTheirIndex() {
        HubStub.reply(
                hub,
                HubStub.sse(choiceChunk(0, "Sa")
                        + choiceChunk(1, "Do")
                        + choiceChunk(0, "lam")
                        + choiceChunk(1, "rood")
                        + choiceFinish(0)
                        + choiceFinish(1)
                        + HubStub.usageChunk()
                        + HubStub.DONE));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(
                        new Prompt("Greet me", AifoChatOptions.builder().n(2).build()))
                .collectList()
                .block(TIMEOUT);

        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        int finished = 0;
        for (ChatResponse response : responses) {
            for (Generation generation : response.getResults()) {
                Object index = generation.getOutput().getMetadata().get("index");
                assertThat(index).isIn(0, 1);
                if (generation.getOutput().getText() != null) {
                    (index.equals(0) ? first : second)
                            .append(generation.getOutput().getText());
                }
                if ("stop".equals(generation.getMetadata().getFinishReason())) {
                    finished++;
                }
            }
        }
        assertThat(first).hasToString("Salam");
        assertThat(second).hasToString("Dorood");
        assertThat(finished).isEqualTo(2);
        assertThat(body(0).get("n").asInt()).isEqualTo(2);
    }

    private static String choiceChunk(int index, String text) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                + "\"choices\":[{\"index\":" + index + ",\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String choiceFinish(int index) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                + "\"choices\":[{\"index\":" + index + ",\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    }

    private JsonNode body(int index) {
        return json.readTree(HubStub.requests(hub).get(index).getBodyAsString());
    }
}
