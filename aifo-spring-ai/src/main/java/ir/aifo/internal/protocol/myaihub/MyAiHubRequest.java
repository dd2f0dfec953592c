package ir.aifo.internal.protocol.myaihub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/chat_v3.php}.
 *
 * <p>{@link #toString()} leaves the key out: it travels in this body.
 *
 * @param prompt the text of the last user message
 * @param messages the earlier turns, system included, in ChatGPT format
 * @param imageUrl the last user message's image as a {@code data:} URL
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MyAiHubRequest(
        @JsonProperty("api_key") String apiKey,
        String model,
        String prompt,
        @Nullable List<Turn> messages,
        @JsonProperty("image_url") @Nullable String imageUrl) {

    @Override
    public String toString() {
        return "MyAiHubRequest[model=" + model + ", prompt=" + prompt.length() + " chars, messages="
                + (messages == null ? 0 : messages.size()) + ", image=" + (imageUrl != null) + "]";
    }

    /**
     * One earlier turn of the conversation.
     *
     * @since 0.1.0
     */
    public record Turn(String role, String content) {}
}
