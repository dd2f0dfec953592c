package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A reply of the chat-completions endpoint: a whole completion, or one chunk of a stream (whose
 * choices carry a {@code delta} instead of a {@code message}).
 *
 * @param choices the choices; a {@code null} among them, which carries nothing, is left out rather
 *     than failing the whole reply
 * @param error set when the hub reports an error inside a body with status 200, or inside a stream
 * @since 0.1.0
 */
record ChatCompletion(
        @Nullable String id,
        @Nullable String object,
        @Nullable Long created,
        @Nullable String model,
        @JsonSetter(contentNulls = Nulls.SKIP) @Nullable List<Choice> choices,
        @Nullable CompletionUsage usage,
        @JsonProperty("system_fingerprint") @Nullable String systemFingerprint,
        @Nullable JsonNode error) {

    /**
     * One generated alternative.
     *
     * @since 0.1.0
     */
    public record Choice(
            @Nullable Integer index,
            @Nullable ReplyMessage message,
            @Nullable ReplyMessage delta,
            @JsonProperty("finish_reason") @Nullable String finishReason) {}

    /**
     * What the model said: the whole message, or in a stream the part added by one chunk.
     *
     * @param content usually a string; a list of text parts on some hubs
     * @param toolCalls the calls asked for; a {@code null} among them is left out, as among the choices
     * @param reasoningContent the model's reasoning, on hubs that return it
     * @param reasoning the same, under the name some hubs use instead
     * @param audio the spoken answer (id, data, transcript, expiry) when audio output was asked for
     * @since 0.1.0
     */
    public record ReplyMessage(
            @Nullable String role,
            @Nullable JsonNode content,

            @JsonProperty("tool_calls") @JsonSetter(contentNulls = Nulls.SKIP) @Nullable
            List<ToolCall> toolCalls,

            @JsonProperty("reasoning_content") @Nullable String reasoningContent,
            @Nullable String reasoning,
            @Nullable String refusal,
            @Nullable Map<String, Object> audio) {}
}
