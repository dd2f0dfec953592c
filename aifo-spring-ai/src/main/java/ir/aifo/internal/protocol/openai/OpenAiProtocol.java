package ir.aifo.internal.protocol.openai;

import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.HubRequest;
import ir.aifo.internal.http.SecretRedactor;
import ir.aifo.internal.protocol.HubProtocol;
import ir.aifo.internal.protocol.HubRateLimit;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.protocol.RequestOptions;
import ir.aifo.internal.protocol.WireJson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible chat-completions dialect (AiFO, TokenHub): Bearer key, JSON request, JSON
 * reply or SSE stream, {@code {"error":{...}}} error bodies.
 *
 * @since 0.1.0
 */
public final class OpenAiProtocol implements HubProtocol {

    /** The path below the base URL that both documented hubs use. */
    public static final String DEFAULT_COMPLETIONS_PATH = "/v1/chat/completions";

    private final String completionsPath;

    private final Map<String, String> authorization;

    private final JsonMapper json;

    private final OpenAiRequestFactory requests;

    private final ChatCompletionRequestWriter requestWriter;

    private final OpenAiReplyMapper replies = new OpenAiReplyMapper();

    private final ChatCompletionReader completions;

    private final OpenAiErrorReader errors;

    private final Clock clock;

    public OpenAiProtocol(String apiKey, String completionsPath) {
        this(apiKey, completionsPath, WireJson.newMapper(), Clock.systemUTC());
    }

    public OpenAiProtocol(String apiKey, String completionsPath, JsonMapper json, Clock clock) {
        Assert.hasText(apiKey, "apiKey must not be empty");
        Assert.hasText(completionsPath, "completionsPath must not be empty");
        this.completionsPath = completionsPath;
        this.authorization = Map.of("Authorization", "Bearer " + apiKey);
        this.json = json;
        this.requests = new OpenAiRequestFactory(json);
        this.requestWriter = new ChatCompletionRequestWriter(json);
        this.completions = new ChatCompletionReader(json);
        this.errors = new OpenAiErrorReader(json, new SecretRedactor(apiKey), clock);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public HubRequest createRequest(Prompt prompt, RequestOptions options, List<ToolDefinition> tools, boolean stream) {
        ChatCompletionRequest body = requests.create(prompt, options, tools, stream);
        return new HubRequest(completionsPath, requestWriter.write(body, options.extraBody()), headers(options));
    }

    // The key's own header is put last, so an extra header cannot replace or leak it.
    private Map<String, String> headers(RequestOptions options) {
        Map<String, String> extra = options.httpHeaders();
        if (extra == null || extra.isEmpty()) {
            return authorization;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        extra.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Authorization")) {
                headers.put(name, value);
            }
        });
        headers.putAll(authorization);
        return headers;
    }

    @Override
    public ChatResponse readReply(HubReply reply, String model, Map<String, Object> addedMetadata) {
        if (!reply.isSuccessful()) {
            throw withRefusalQuota(errors.read(reply), reply);
        }
        ChatCompletion completion;
        try {
            completion = completions.read(reply.body());
        } catch (JacksonException unreadable) {
            throw errors.read(reply);
        }
        // The body "null" is valid JSON that Jackson reads as no completion at all.
        if (completion == null) {
            throw errors.read(reply);
        }
        if (OpenAiErrorReader.isError(completion.error())) {
            throw errors.fromErrorMember(completion.error(), reply.status(), reply.uri());
        }
        if (completion.choices() == null || completion.choices().isEmpty()) {
            throw new AifoServerException(
                    "The hub's reply has no choices: there is no answer to return", HubError.of(reply.status(), null));
        }
        HubRateLimit rateLimit = HubRateLimit.fromHeaders(reply.headers()).orElse(null);
        return replies.toChatResponse(
                completion,
                rateLimit,
                rateLimit == null ? null : rateLimit.toQuota(clock.instant()),
                null,
                addedMetadata);
    }

    @Override
    public RuntimeException readError(HubReply reply) {
        return withRefusalQuota(errors.readInsteadOfStream(reply), reply);
    }

    // A refusal is the freshest news of the key's rate limit, so it carries it to the quota tracker.
    private RuntimeException withRefusalQuota(RuntimeException failure, HubReply reply) {
        if (failure instanceof AifoRateLimitException refusal) {
            return refusal.withQuota(
                    RefusalQuota.of(reply.headers(), refusal.getRetryAfter().orElse(null), clock.instant()));
        }
        return failure;
    }

    @Override
    public boolean supportsStreaming() {
        return true;
    }

    @Override
    public HubStreamDecoder newStreamDecoder(Map<String, Object> addedMetadata) {
        return new OpenAiStreamDecoder(json, completions, replies, errors, clock, addedMetadata);
    }

    @Override
    public String toString() {
        return "OpenAiProtocol[path=" + completionsPath + "]";
    }
}
