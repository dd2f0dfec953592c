package ir.aifo.internal.protocol.myaihub;

import static ir.aifo.internal.protocol.myaihub.MyAiHubQuotaReader.text;

import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.HubRequest;
import ir.aifo.internal.http.SecretRedactor;
import ir.aifo.internal.protocol.HubProtocol;
import ir.aifo.internal.protocol.HubRateLimit;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.protocol.MetadataKeys;
import ir.aifo.internal.protocol.RequestOptions;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MyAIHub dialect: key, model and prompt in a JSON body, earlier turns as ChatGPT-style
 * messages, one image as a {@code data:} URL, and one whole reply that reports the plan's quota.
 *
 * <p>The hub does not stream; {@code AifoChatModel} streams the whole reply as one response.
 *
 * @since 0.1.0
 */
public final class MyAiHubProtocol implements HubProtocol {

    /** The path below {@code https://myaihub.ir} that the document gives. */
    public static final String DEFAULT_COMPLETIONS_PATH = "/api/chat_v3.php";

    private final String apiKey;

    private final String completionsPath;

    private final JsonMapper json;

    private final Clock clock;

    private final SecretRedactor redactor;

    private final MyAiHubErrorReader errors;

    private final MyAiHubRequestFactory requests = new MyAiHubRequestFactory();

    public MyAiHubProtocol(String apiKey, String completionsPath, JsonMapper json, Clock clock) {
        Assert.hasText(apiKey, "apiKey must not be empty");
        Assert.hasText(completionsPath, "completionsPath must not be empty");
        this.apiKey = apiKey;
        this.completionsPath = completionsPath;
        this.json = json;
        this.clock = clock;
        this.redactor = new SecretRedactor(apiKey);
        this.errors = new MyAiHubErrorReader(redactor, clock);
    }

    @Override
    public String name() {
        return "myaihub";
    }

    @Override
    public HubRequest createRequest(Prompt prompt, RequestOptions options, List<ToolDefinition> tools, boolean stream) {
        MyAiHubRequest body = requests.create(apiKey, prompt, options, tools);
        byte[] bytes = WireJson.write(json, body, options.extraBody());
        Map<String, String> headers = options.httpHeaders() == null ? Map.of() : options.httpHeaders();
        return new HubRequest(completionsPath, bytes, headers);
    }

    @Override
    public ChatResponse readReply(HubReply reply, String model, Map<String, Object> addedMetadata) {
        JsonNode body = WireJson.readObjectOrNull(json, reply.body());
        if (body == null) {
            throw errors.fromUnreadableReply(reply);
        }
        if (isError(body.get("error")) || !reply.isSuccessful()) {
            throw errors.fromErrorBody(body, reply, model);
        }
        String text = text(body.get("reply"));
        if (text == null) {
            throw new AifoServerException(
                    "MyAIHub's reply has no 'reply' text: there is no answer to return",
                    HubError.of(reply.status(), null));
        }
        return toChatResponse(body, text, addedMetadata);
    }

    @Override
    public RuntimeException readError(HubReply reply) {
        JsonNode body = WireJson.readObjectOrNull(json, reply.body());
        return body == null ? errors.fromUnreadableReply(reply) : errors.fromErrorBody(body, reply, null);
    }

    @Override
    public boolean supportsStreaming() {
        return false;
    }

    @Override
    public HubStreamDecoder newStreamDecoder(Map<String, Object> addedMetadata) {
        throw new UnsupportedOperationException("MyAIHub does not stream; the model streams the whole reply instead");
    }

    /** OpenAI (GPT) models draw on the GPT bucket, every other model on the OpenRouter bucket (section 5.2). */
    @Override
    public Optional<String> quotaProvider(String model) {
        String lower = model.toLowerCase(Locale.ROOT);
        boolean openAi = lower.startsWith("openai/") || lower.startsWith("gpt");
        return Optional.of(openAi ? HubQuota.OPENAI : HubQuota.OPENROUTER);
    }

    private ChatResponse toChatResponse(JsonNode body, String text, Map<String, Object> addedMetadata) {
        String model = text(body.get("model"));
        String source = text(body.get("source"));
        String plan = text(body.get("plan"));
        HubQuota quota = MyAiHubQuotaReader.read(body, source, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        AssistantMessage.Builder message = AssistantMessage.builder().content(text);
        if (source != null) {
            message.properties(Map.of("source", source));
        }
        ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
        if (model != null) {
            metadata.model(model);
        }
        metadata.keyValue(MetadataKeys.QUOTA, quota);
        metadata.keyValue(MetadataKeys.PLAN, plan != null ? plan : quota == null ? null : quota.plan());
        metadata.keyValue(MetadataKeys.SOURCE, source);
        metadata.usage(new DefaultUsage(null, null, null, quota));
        HubRateLimit rateLimit = servingBucket(quota, source);
        if (rateLimit != null) {
            metadata.rateLimit(rateLimit);
        }
        addedMetadata.forEach(metadata::keyValue);
        Generation generation = new Generation(message.build(), ChatGenerationMetadata.NULL);
        return new ChatResponse(List.of(generation), metadata.build());
    }

    // The bucket that served the request, with the time left until the month (and so the bucket) renews.
    private @Nullable HubRateLimit servingBucket(@Nullable HubQuota quota, @Nullable String source) {
        if (quota == null) {
            return null;
        }
        QuotaBucket bucket =
                source == null ? quota.total() : quota.bucket(source).orElseGet(quota::total);
        return new HubRateLimit(bucket.limit(), bucket.remaining(), untilNextMonth(), 0, 0, Duration.ZERO);
    }

    private Duration untilNextMonth() {
        Instant now = clock.instant();
        Instant nextMonth = YearMonth.from(now.atZone(ZoneOffset.UTC))
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Duration.between(now, nextMonth);
    }

    private static boolean isError(@Nullable JsonNode flag) {
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (flag.isBoolean()) {
            return flag.asBoolean();
        }
        if (flag.isNumber()) {
            // A number beyond an int (1e400, 99999999999999999999) is not 0, so it flags an error too.
            return flag.asInt(1) != 0;
        }
        return flag.isString()
                && (flag.asString().equalsIgnoreCase("true") || flag.asString().equals("1"));
    }

    @Override
    public String toString() {
        return "MyAiHubProtocol[path=" + completionsPath + "]";
    }
}
