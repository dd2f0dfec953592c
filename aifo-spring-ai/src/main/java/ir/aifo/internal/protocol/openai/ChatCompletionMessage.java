package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message of a request's conversation.
 *
 * @param content a string, or a list of {@link ContentPart}s when the message carries images
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionMessage(
        String role,
        @Nullable Object content,
        @Nullable String name,
        @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") @Nullable String toolCallId) {

    public static ChatCompletionMessage of(String role, @Nullable Object content) {
        return new ChatCompletionMessage(role, content, null, null, null);
    }

    /**
     * One part of a multi-part content: text, or an image by URL or {@code data:} URL.
     *
     * @since 0.1.0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContentPart(
            String type,
            @Nullable String text,
            @JsonProperty("image_url") @Nullable ImageUrl imageUrl) {

        public static ContentPart text(String text) {
            return new ContentPart("text", text, null);
        }

        public static ContentPart image(String url, @Nullable String detail) {
            return new ContentPart("image_url", null, new ImageUrl(url, detail));
        }
    }

    /**
     * Where an image is, and how closely the model should look at it.
     *
     * @since 0.1.0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageUrl(String url, @Nullable String detail) {}
}
