package ir.aifo.internal.protocol.openai;

import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.protocol.HubRateLimit;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.sse.SseEvent;
import ir.aifo.quota.HubQuota;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes one chat-completions stream: a {@code data:} event per chunk, an error object if the hub
 * fails mid-way, and {@code data: [DONE]} at the end; a stream that stops before that is an error.
 */
final class OpenAiStreamDecoder implements HubStreamDecoder {

    private static final String DONE = "[DONE]";

    private final JsonMapper json;

    private final ChatCompletionReader completions;

    private final OpenAiReplyMapper replies;

    private final OpenAiErrorReader errors;

    private final Clock clock;

    private final StreamedToolCalls toolCalls = new StreamedToolCalls();

    private final StreamedReasoning reasoning = new StreamedReasoning();

    private @Nullable HubRateLimit rateLimit;

    private @Nullable HubQuota quota;

    private @Nullable String lastId;

    private @Nullable String lastModel;

    private int chunks;

    private final Map<String, Object> addedMetadata;

    private boolean done;

    private @Nullable ChatResponseMetadata sharedMetadata;

    // The chunk the shared metadata was made from.
    private @Nullable ChatCompletion sharedFrom;

    OpenAiStreamDecoder(
            JsonMapper json,
            ChatCompletionReader completions,
            OpenAiReplyMapper replies,
            OpenAiErrorReader errors,
            Clock clock,
            Map<String, Object> addedMetadata) {
        this.addedMetadata = addedMetadata;
        this.json = json;
        this.completions = completions;
        this.replies = replies;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public void onHeaders(HttpHeaders headers) {
        rateLimit = HubRateLimit.fromHeaders(headers).orElse(null);
        quota = rateLimit == null ? null : rateLimit.toQuota(clock.instant());
    }

    @Override
    public @Nullable ChatResponse decode(SseEvent event) {
        if (done) {
            return null;
        }
        if (event.dataIs(DONE)) {
            done = true;
            ChatCompletion rest = toolCalls.drainAll(lastId, lastModel);
            return rest == null ? null : toChatResponse(rest);
        }
        // A decoder is not told the address; an error in the stream is named without the hub's host.
        if ("error".equals(event.event())) {
            throw errors.fromErrorMember(parseTree(event.data()), 200, null);
        }
        ChatCompletion chunk = parseChunk(event);
        if (OpenAiErrorReader.isError(chunk.error())) {
            throw errors.fromErrorMember(chunk.error(), 200, null);
        }
        chunks++;
        lastId = chunk.id() != null ? chunk.id() : lastId;
        lastModel = chunk.model() != null ? chunk.model() : lastModel;
        ChatCompletion emitted = toolCalls.absorb(chunk);
        return emitted == null ? null : toChatResponse(emitted);
    }

    private ChatResponse toChatResponse(ChatCompletion chunk) {
        return replies.toChatResponse(chunk, reasoning, metadataOf(chunk));
    }

    // A stream's chunks repeat one id, model, creation time and fingerprint, and the reply's headers are
    // the same for all: they share one metadata instead of each filling a map of its own. A chunk with
    // usage, or one that names something else, gets its own.
    private ChatResponseMetadata metadataOf(ChatCompletion chunk) {
        ChatResponseMetadata shared = sharedMetadata;
        if (shared != null && chunk.usage() == null && sameMetadataAs(sharedFrom, chunk)) {
            return shared;
        }
        ChatResponseMetadata made = OpenAiReplyMapper.metadata(chunk, rateLimit, quota, addedMetadata);
        if (chunk.usage() == null) {
            sharedMetadata = made;
            sharedFrom = chunk;
        }
        return made;
    }

    // What a chunk's metadata is made of, apart from the reply's headers and usage.
    private static boolean sameMetadataAs(@Nullable ChatCompletion earlier, ChatCompletion chunk) {
        return earlier != null
                && Objects.equals(earlier.id(), chunk.id())
                && Objects.equals(earlier.model(), chunk.model())
                && Objects.equals(earlier.created(), chunk.created())
                && Objects.equals(earlier.systemFingerprint(), chunk.systemFingerprint());
    }

    @Override
    public boolean isComplete() {
        return done;
    }

    @Override
    public void onEnd() {
        if (!done) {
            throw new AifoServerException(
                    "The hub's stream ended after " + chunks + " chunks without its closing 'data: [DONE]': the reply"
                            + " is incomplete",
                    HubError.of(200, null));
        }
    }

    private ChatCompletion parseChunk(SseEvent event) {
        ChatCompletion chunk;
        try {
            // Straight from the bytes that arrived: no string is decoded for a chunk.
            chunk = completions.read(event.utf8Data());
        } catch (JacksonException notUtf8OrNotJson) {
            // The string, in which bytes that are not UTF-8 became U+FFFD, is what a hub's chunk was always
            // read from: what it accepts is accepted, and what it refuses is refused with its message.
            try {
                chunk = completions.read(event.data());
            } catch (JacksonException unreadable) {
                throw unreadable(unreadable.getOriginalMessage(), unreadable);
            }
        }
        // "data: null" is valid JSON that Jackson reads as no chunk at all.
        if (chunk == null) {
            throw unreadable("the event's data is null", null);
        }
        return chunk;
    }

    private JsonNode parseTree(String data) {
        try {
            return json.readTree(data);
        } catch (JacksonException unreadable) {
            return json.getNodeFactory().stringNode(data);
        }
    }

    private AifoServerException unreadable(String reason, @Nullable JacksonException cause) {
        return new AifoServerException(
                "The hub sent a stream event that is not a chat-completion chunk (after " + chunks + " chunks): "
                        + reason,
                HubError.of(200, null),
                cause);
    }
}
