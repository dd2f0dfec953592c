package ir.aifo.internal.protocol.myaihub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.HubStub;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MyAIHub's own examples, copied verbatim from its document (sections 6 and 8, Persian text as
 * published), and the wiring shared by the tests that stub the hub with them.
 */
public final class MyAiHubExamples {

    public static final String PATH = "/api/chat_v3.php";

    /** Long enough for the redactor to mask it, and unmistakable in any text it might leak into. */
    public static final String API_KEY = "MYAIHUB-MASTER-7f3c9a1e5b2d4c6a";

    /** Section 6: the successful reply. */
    public static final String SUCCESS = """
            {
              "error": false,
              "reply": "متن پاسخ مدل اینجاست...",
              "model": "openai/gpt-5.2",
              "source": "openai",
              "plan": "vip",
              "usage": {
                "plan": "vip",
                "period": "2025-12",
                "used": 12,
                "limit": 830,
                "remaining": 818
              },
              "usage_breakdown": {
                "openrouter": { "used": 10, "limit": 750, "remaining": 740 },
                "openai":     { "used": 2,  "limit": 80,  "remaining": 78 }
              }
            }
            """;

    public static final String REPLY_TEXT = "متن پاسخ مدل اینجاست...";

    /** Section 8.1: invalid or inactive licence. */
    public static final String LICENCE_INVALID = """
            {
              "error": true,
              "message": "License key نامعتبر است یا فعال نیست.",
              "details": "License key is not active or does not exist."
            }
            """;

    public static final String LICENCE_MESSAGE = "License key نامعتبر است یا فعال نیست.";

    /** Section 8.2: the model is not in the key's plan. */
    public static final String NOT_IN_PLAN = """
            {
              "error": true,
              "message": "در پلن PRO مدلهای مستقیم OpenAI در دسترس نیست. برای OpenAI باید پلن VIP داشته باشید.",
              "plan": "pro"
            }
            """;

    public static final String NOT_IN_PLAN_MESSAGE =
            "در پلن PRO مدلهای مستقیم OpenAI در دسترس نیست. برای OpenAI باید پلن VIP داشته باشید.";

    /** Section 8.3: the OpenRouter quota is spent. */
    public static final String OPENROUTER_QUOTA_SPENT = """
            {
              "error": true,
              "message": "سقف ماهانه OpenRouter شما تمام شده است.",
              "plan": "pro",
              "usage": { "used": 750, "limit": 750, "remaining": 0, "plan": "pro", "period": "2025-12" }
            }
            """;

    public static final String OPENROUTER_QUOTA_MESSAGE = "سقف ماهانه OpenRouter شما تمام شده است.";

    /** Section 8.4: the GPT/OpenAI quota is spent (VIP). */
    public static final String GPT_QUOTA_SPENT = """
            {
              "error": true,
              "message": "سقف ماهانه GPT/OpenAI شما تمام شده است.",
              "plan": "vip",
              "usage_breakdown": {
                "openai": { "used": 80, "limit": 80, "remaining": 0 }
              }
            }
            """;

    public static final String GPT_QUOTA_MESSAGE = "سقف ماهانه GPT/OpenAI شما تمام شده است.";

    /** Section 8.5: required fields are empty. */
    public static final String EMPTY_FIELDS = """
            {
              "error": true,
              "message": "api_key یا model یا prompt خالی است."
            }
            """;

    public static final String EMPTY_FIELDS_MESSAGE = "api_key یا model یا prompt خالی است.";

    /** 2025-12-20T10:00Z: inside the period of the document's examples. */
    public static final Instant DECEMBER_20 = Instant.parse("2025-12-20T10:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MyAiHubExamples() {}

    /** The stub's address and the document's key, in the MyAIHub dialect. */
    public static AifoConnection.Builder connection(WireMockExtension hub) {
        return AifoConnection.builder()
                .baseUrl(hub.baseUrl())
                .apiKey(API_KEY)
                .protocol(AifoProtocol.MYAIHUB)
                .readTimeout(Duration.ofSeconds(5));
    }

    public static AifoChatModel.Builder model(WireMockExtension hub, Clock clock) {
        return model(connection(hub), clock);
    }

    public static AifoChatModel.Builder model(AifoConnection.Builder connection, Clock clock) {
        return AifoChatModel.builder()
                .connection(connection.build())
                .clock(clock)
                .retryTemplate(HubStub.fastRetry(0))
                .defaultOptions(
                        AifoChatOptions.builder().model("openai/gpt-5.2").build());
    }

    /** A body as the hub sends it: UTF-8 bytes, so the Persian text arrives exactly as in the document. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body.getBytes(StandardCharsets.UTF_8));
    }

    public static void reply(WireMockExtension hub, int status, String body) {
        hub.stubFor(post(urlEqualTo(PATH)).willReturn(json(status, body)));
    }

    public static List<LoggedRequest> requests(WireMockExtension hub) {
        return hub.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    public static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBody());
    }

    /** A successful reply from {@code source} with that provider's bucket and the totals as given. */
    public static String success(String model, String source, String period, long openRouterUsed, long openAiUsed) {
        return """
                {"error": false, "reply": "پاسخ", "model": "%s", "source": "%s", "plan": "vip",
                 "usage": {"plan": "vip", "period": "%s", "used": %d, "limit": 830, "remaining": %d},
                 "usage_breakdown": {
                   "openrouter": {"used": %d, "limit": 750, "remaining": %d},
                   "openai": {"used": %d, "limit": 80, "remaining": %d}}}
                """.formatted(
                        model,
                        source,
                        period,
                        openRouterUsed + openAiUsed,
                        830 - openRouterUsed - openAiUsed,
                        openRouterUsed,
                        750 - openRouterUsed,
                        openAiUsed,
                        80 - openAiUsed);
    }

    /** A clock a test can move, as time passes across a month's end. */
    public static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        private final ZoneId zone;

        public MovableClock(Instant start) {
            this(new AtomicReference<>(start), ZoneOffset.UTC);
        }

        private MovableClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        public void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        // Shares the instant, so a copy in another zone (as the model derives) moves with this one.
        @Override
        public Clock withZone(ZoneId zone) {
            return new MovableClock(now, zone);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
