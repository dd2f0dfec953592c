package ir.aifo.internal.protocol.myaihub;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.API_KEY;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.DECEMBER_20;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.PATH;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.REPLY_TEXT;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.SUCCESS;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.body;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.reply;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoResponseFormat;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.testing.LogCapture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.JsonNode;

/** The MyAIHub dialect on the wire: what a prompt becomes, and what the document's reply becomes. */
class MyAiHubProtocolTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** The first bytes of a PNG file: enough to tell whether the bytes arrive unchanged. */
    private static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };

    private final Clock december20 = Clock.fixed(DECEMBER_20, ZoneOffset.UTC);

    @RegisterExtension
    final LogCapture logs = LogCapture.of("ir.aifo.internal.protocol.myaihub.MyAiHubRequestFactory");

    private AifoChatModel model() {
        return MyAiHubExamples.model(hub, december20).build();
    }

    // ---- the request ----

    @Test
    void sendsKeyModelAndPromptInTheJsonBodyAndNowhereElse() {
        reply(hub, 200, SUCCESS);

        model().call(new Prompt("در دو جمله توضیح بده هوش مصنوعی چیست."));

        assertThat(requests(hub)).hasSize(1);
        LoggedRequest request = requests(hub).get(0);
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = body(request);
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("api_key", "model", "prompt");
        assertThat(body.get("api_key").asString()).isEqualTo(API_KEY);
        assertThat(body.get("model").asString()).isEqualTo("openai/gpt-5.2");
        assertThat(body.get("prompt").asString()).isEqualTo("در دو جمله توضیح بده هوش مصنوعی چیست.");
        assertThat(request.containsHeader("Authorization")).isFalse();
        for (HttpHeader header : request.getHeaders().all()) {
            assertThat(header.values()).as(header.key()).noneMatch(value -> value.contains(API_KEY));
        }
        assertThat(request.getAbsoluteUrl()).doesNotContain(API_KEY);
        assertThat(model().toString()).doesNotContain(API_KEY);
    }

    @Test
    void earlierTurnsWithTheSystemMessageGoAsChatGptMessagesAndTheLastUserTextAsPrompt() {
        reply(hub, 200, SUCCESS);

        model().call(new Prompt(List.of(
                new SystemMessage("تو یک دستیار فارسی‌زبان هستی."),
                new UserMessage("سلام"),
                new AssistantMessage("سلام! چه کمکی از من برمی‌آید؟"),
                new UserMessage("یک شعر کوتاه بگو."))));

        JsonNode body = body(requests(hub).get(0));
        assertThat(body.get("prompt").asString()).isEqualTo("یک شعر کوتاه بگو.");
        assertThat(turns(body))
                .containsExactly(
                        List.of("system", "تو یک دستیار فارسی‌زبان هستی."),
                        List.of("user", "سلام"),
                        List.of("assistant", "سلام! چه کمکی از من برمی‌آید؟"));
        assertThat(fieldNames(body.get("messages").get(0))).containsExactly("role", "content");
    }

    @Test
    void chatClientsSystemTextIsTheOnlyEarlierTurn() {
        reply(hub, 200, SUCCESS);

        ChatClient.create(model())
                .prompt()
                .system("کوتاه جواب بده.")
                .user("MyAIHub چیست؟")
                .call()
                .content();

        JsonNode body = body(requests(hub).get(0));
        assertThat(body.get("prompt").asString()).isEqualTo("MyAIHub چیست؟");
        assertThat(turns(body)).containsExactly(List.of("system", "کوتاه جواب بده."));
    }

    @Test
    void imageOfTheLastUserMessageGoesAsABase64DataUrl() {
        reply(hub, 200, SUCCESS);

        model().call(new Prompt(UserMessage.builder()
                .text("در مورد این تصویر یک توضیح کوتاه بنویس.")
                .media(new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(PNG)))
                .build()));

        JsonNode body = body(requests(hub).get(0));
        assertThat(body.get("image_url").asString())
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        assertThat(body.get("prompt").asString()).isEqualTo("در مورد این تصویر یک توضیح کوتاه بنویس.");
        assertThat(body.has("messages")).isFalse();
    }

    @Test
    void imageGivenByHttpUrlFailsBeforeSendingAndSaysHowToSendIt() {
        reply(hub, 200, SUCCESS);

        Throwable failure = catchThrowable(() -> model().call(new Prompt(UserMessage.builder()
                .text("این چیست؟")
                .media(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png")))
                .build())));

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data:")
                .hasMessageContaining("https://example.com/cat.png")
                .hasMessageContaining("bytes");
        assertThat(hub.getAllServeEvents()).isEmpty();
    }

    @Test
    void imageAlreadyGivenAsADataUrlGoesAsItIs() {
        reply(hub, 200, SUCCESS);
        String dataUrl = "data:image/jpeg;base64,/9j/4AAQSkZJRg==";

        model().call(new Prompt(UserMessage.builder()
                .text("این چیست؟")
                .media(Media.builder()
                        .mimeType(MimeTypeUtils.IMAGE_JPEG)
                        .data(dataUrl)
                        .build())
                .build()));

        assertThat(body(requests(hub).get(0)).get("image_url").asString()).isEqualTo(dataUrl);
    }

    @Test
    void imageGivenAsBareBase64GoesAsADataUrlOfItsMimeType() {
        reply(hub, 200, SUCCESS);
        String base64 = Base64.getEncoder().encodeToString(PNG);

        model().call(new Prompt(UserMessage.builder()
                .text("این چیست؟")
                .media(Media.builder()
                        .mimeType(MimeTypeUtils.IMAGE_PNG)
                        .data(base64)
                        .build())
                .build()));

        assertThat(body(requests(hub).get(0)).get("image_url").asString()).isEqualTo("data:image/png;base64," + base64);
    }

    static Stream<Arguments> requestsTheEndpointCannotCarry() {
        Media image = new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(PNG));
        return Stream.of(
                Arguments.of(
                        "two images",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec ->
                                spec.user(user -> user.text("کدام بهتر است؟").media(image, image)),
                        "one image"),
                Arguments.of(
                        "an image on an earlier message",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec -> spec.messages(
                                        UserMessage.builder()
                                                .text("این را ببین")
                                                .media(image)
                                                .build(),
                                        new AssistantMessage("دیدم."))
                                .user("حالا توضیح بده."),
                        "only with the last user message"),
                Arguments.of(
                        "a PDF instead of an image",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec -> spec.user(user -> user.text("خلاصه کن")
                                .media(new Media(
                                        MimeTypeUtils.parseMimeType("application/pdf"), new ByteArrayResource(PNG)))),
                        "only images"),
                Arguments.of(
                        "an image without a question",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec -> spec.messages(
                                UserMessage.builder().text("").media(image).build()),
                        "needs a prompt"),
                Arguments.of(
                        "a @Tool",
                        (Consumer<ChatClient.ChatClientRequestSpec>)
                                spec -> spec.user("هوای تهران؟").tools(new WeatherTools()),
                        "cannot call tools"),
                Arguments.of(
                        "a tool choice",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec -> spec.user("هوای تهران؟")
                                .options(AifoChatOptions.builder().toolChoice("auto")),
                        "cannot call tools"),
                Arguments.of(
                        "a response format",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec -> spec.user("JSON بده")
                                .options(AifoChatOptions.builder().responseFormat(AifoResponseFormat.jsonObject())),
                        "response format"),
                Arguments.of(
                        "two choices",
                        (Consumer<ChatClient.ChatClientRequestSpec>) spec -> spec.user("دو جواب بده")
                                .options(AifoChatOptions.builder().n(2)),
                        "option 'n' asks for 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsTheEndpointCannotCarry")
    void requestTheEndpointCannotCarryFailsBeforeSendingWithAClearError(
            String what, Consumer<ChatClient.ChatClientRequestSpec> request, String explanation) {
        reply(hub, 200, SUCCESS);
        ChatClient.ChatClientRequestSpec spec = ChatClient.create(model()).prompt();
        request.accept(spec);

        Throwable failure = catchThrowable(() -> spec.call().content());

        assertThat(failure)
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MyAIHub")
                .hasMessageContaining(explanation);
        assertThat(hub.getAllServeEvents()).isEmpty();
    }

    @Test
    void samplingOptionsAreNotSentAndEachIsWarnedAboutOnceOverSeveralCalls() {
        reply(hub, 200, SUCCESS);
        AifoChatModel model = model();
        AifoChatOptions sampling = AifoChatOptions.builder()
                .temperature(0.3)
                .maxTokens(200)
                .topP(0.9)
                .seed(7L)
                .build();

        for (int call = 0; call < 3; call++) {
            model.call(new Prompt("سلام", sampling));
        }

        assertThat(requests(hub))
                .hasSize(3)
                .allSatisfy(request ->
                        assertThat(fieldNames(body(request))).containsExactlyInAnyOrder("api_key", "model", "prompt"));
        assertThat(logs.events())
                .allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
        assertThat(logs.messages(Level.WARN))
                .hasSize(4)
                .anySatisfy(message -> assertThat(message).contains("'temperature'"))
                .anySatisfy(message -> assertThat(message).contains("'maxTokens'"))
                .anySatisfy(message -> assertThat(message).contains("'topP'"))
                .anySatisfy(message -> assertThat(message).contains("'seed'"))
                .allSatisfy(message -> assertThat(message).contains("not sent"));
    }

    @Test
    void requestWithoutSamplingOptionsLogsNothing() {
        reply(hub, 200, SUCCESS);

        model().call(new Prompt("سلام"));

        assertThat(logs.events()).isEmpty();
    }

    @Test
    void extraBodyFieldsAndHttpHeadersStillGoOut() {
        reply(hub, 200, SUCCESS);

        model().call(new Prompt(
                "سلام",
                AifoChatOptions.builder()
                        .extraBody(Map.of("project", "bot-7", "tags", List.of("a", "b")))
                        .httpHeaders(Map.of("X-Request-Id", "req-42"))
                        .build()));

        LoggedRequest request = requests(hub).get(0);
        JsonNode body = body(request);
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("api_key", "model", "prompt", "project", "tags");
        assertThat(body.get("project").asString()).isEqualTo("bot-7");
        assertThat(body.get("tags").get(1).asString()).isEqualTo("b");
        assertThat(body.get("api_key").asString()).isEqualTo(API_KEY);
        assertThat(request.getHeader("X-Request-Id")).isEqualTo("req-42");
    }

    // ---- the reply ----

    @Test
    void documentsReplyGivesTextModelQuotaPlanAndSource() {
        reply(hub, 200, SUCCESS);

        ChatResponse response = model().call(new Prompt("سلام"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo(REPLY_TEXT);
        assertThat(response.getMetadata().getModel()).isEqualTo("openai/gpt-5.2");
        assertThat((String) response.getMetadata().get(AifoMetadata.PLAN)).isEqualTo("vip");
        assertThat((String) response.getMetadata().get(AifoMetadata.SOURCE)).isEqualTo("openai");
        HubQuota quota = response.getMetadata().get(AifoMetadata.QUOTA);
        assertThat(quota.plan()).isEqualTo("vip");
        assertThat(quota.period()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(quota.used()).isEqualTo(12);
        assertThat(quota.limit()).isEqualTo(830);
        assertThat(quota.remaining()).isEqualTo(818);
        assertThat(quota.breakdown())
                .containsExactly(
                        entry("openrouter", new QuotaBucket(10, 750, 740)),
                        entry("openai", new QuotaBucket(2, 80, 78)));
    }

    @Test
    void rateLimitIsTheServingBucketRenewingWhenTheNextUtcMonthStarts() {
        reply(hub, 200, SUCCESS);

        RateLimit rateLimit = model().call(new Prompt("سلام")).getMetadata().getRateLimit();

        assertThat(rateLimit.getRequestsLimit()).isEqualTo(80L);
        assertThat(rateLimit.getRequestsRemaining()).isEqualTo(78L);
        // From 2025-12-20T10:00Z to 2026-01-01T00:00Z.
        assertThat(rateLimit.getRequestsReset()).isEqualTo(Duration.ofDays(11).plusHours(14));
    }

    @Test
    void openRouterReplyReportsTheOpenRouterBucketAndTheResetToTheSecond() {
        reply(hub, 200, SUCCESS.replace("\"source\": \"openai\"", "\"source\": \"openrouter\""));
        Clock lastSecondsOfTheYear = Clock.fixed(Instant.parse("2025-12-31T23:59:15Z"), ZoneOffset.UTC);

        RateLimit rateLimit = MyAiHubExamples.model(hub, lastSecondsOfTheYear)
                .build()
                .call(new Prompt("سلام"))
                .getMetadata()
                .getRateLimit();

        assertThat(rateLimit.getRequestsLimit()).isEqualTo(750L);
        assertThat(rateLimit.getRequestsRemaining()).isEqualTo(740L);
        assertThat(rateLimit.getRequestsReset()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void streamEmitsTheWholeReplyAsOneResponseWithFullMetadata() {
        reply(hub, 200, SUCCESS);

        List<ChatResponse> responses =
                model().stream(new Prompt("سلام")).collectList().block(Duration.ofSeconds(10));

        assertThat(responses).hasSize(1);
        ChatResponse response = responses.get(0);
        assertThat(response.getResult().getOutput().getText()).isEqualTo(REPLY_TEXT);
        assertThat(response.getMetadata().getModel()).isEqualTo("openai/gpt-5.2");
        assertThat((String) response.getMetadata().get(AifoMetadata.PLAN)).isEqualTo("vip");
        assertThat((String) response.getMetadata().get(AifoMetadata.SOURCE)).isEqualTo("openai");
        HubQuota quota = response.getMetadata().get(AifoMetadata.QUOTA);
        assertThat(quota.bucket("openai")).contains(new QuotaBucket(2, 80, 78));
        assertThat(response.getMetadata().getRateLimit().getRequestsRemaining()).isEqualTo(78L);
        assertThat(requests(hub)).hasSize(1);
        assertThat(fieldNames(body(requests(hub).get(0)))).containsExactlyInAnyOrder("api_key", "model", "prompt");
    }

    @Test
    void chatClientStreamsTheReplyTextAsOnePiece() {
        reply(hub, 200, SUCCESS);

        List<String> pieces = ChatClient.create(model()).prompt().user("سلام").stream()
                .content()
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(pieces).containsExactly(REPLY_TEXT);
        assertThat(requests(hub)).hasSize(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static List<List<String>> turns(JsonNode body) {
        List<List<String>> turns = new ArrayList<>();
        for (JsonNode turn : body.get("messages")) {
            turns.add(List.of(turn.get("role").asString(), turn.get("content").asString()));
        }
        return turns;
    }

    static class WeatherTools {

        @Tool(description = "The weather in a city")
        String weather(String city) {
            return "آفتابی";
        }
    }
}
