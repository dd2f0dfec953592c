package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Token counts as the hub reported them; kept whole as the native usage of each response.
 *
 * @since 0.1.0
 */
public record CompletionUsage(
        @JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
        @JsonProperty("completion_tokens") @Nullable Integer completionTokens,
        @JsonProperty("total_tokens") @Nullable Integer totalTokens,
        @JsonProperty("prompt_tokens_details") @Nullable PromptTokensDetails promptTokensDetails,
        @JsonProperty("completion_tokens_details") @Nullable CompletionTokensDetails completionTokensDetails) {

    /**
     * How the prompt's tokens divide, and how many came from the hub's cache.
     *
     * @since 0.1.0
     */
    public record PromptTokensDetails(
            @JsonProperty("cached_tokens") @Nullable Integer cachedTokens,
            @JsonProperty("text_tokens") @Nullable Integer textTokens,
            @JsonProperty("audio_tokens") @Nullable Integer audioTokens,
            @JsonProperty("image_tokens") @Nullable Integer imageTokens) {}

    /**
     * How the completion's tokens divide, reasoning included.
     *
     * @since 0.1.0
     */
    public record CompletionTokensDetails(
            @JsonProperty("text_tokens") @Nullable Integer textTokens,
            @JsonProperty("audio_tokens") @Nullable Integer audioTokens,
            @JsonProperty("reasoning_tokens") @Nullable Integer reasoningTokens,

            @JsonProperty("accepted_prediction_tokens") @Nullable
            Integer acceptedPredictionTokens,

            @JsonProperty("rejected_prediction_tokens") @Nullable
            Integer rejectedPredictionTokens) {}
}
