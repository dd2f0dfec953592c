package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/chat/completions}; {@code null} fields are left out.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionRequest(
        String model,
        List<ChatCompletionMessage> messages,
        @Nullable Double temperature,
        @JsonProperty("top_p") @Nullable Double topP,
        @JsonProperty("top_k") @Nullable Integer topK,
        @Nullable Integer n,
        @Nullable Boolean stream,
        @JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
        @Nullable List<String> stop,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens,
        @JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
        @JsonProperty("presence_penalty") @Nullable Double presencePenalty,
        @JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
        @Nullable Long seed,
        @Nullable String user,
        @JsonProperty("logit_bias") @Nullable Map<String, Integer> logitBias,
        @Nullable List<FunctionTool> tools,
        @JsonProperty("tool_choice") @Nullable Object toolChoice,
        @JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
        @JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
        @JsonProperty("reasoning_effort") @Nullable String reasoningEffort,
        @Nullable List<String> modalities,
        @Nullable Map<String, Object> audio) {

    /**
     * What a stream should carry besides content.
     *
     * @param includeUsage whether the hub sends a last chunk with the usage of the whole stream
     */
    public record StreamOptions(
            @JsonProperty("include_usage") boolean includeUsage) {}

    /**
     * A {@code tool_choice} that names one function, the object form of the field.
     *
     * @since 0.1.0
     */
    public record NamedToolChoice(String type, FunctionName function) {

        public static NamedToolChoice of(String name) {
            return new NamedToolChoice("function", new FunctionName(name));
        }

        /**
         * The name of the function the model must call.
         *
         * @since 0.1.0
         */
        public record FunctionName(String name) {}
    }

    /**
     * The {@code response_format} field.
     *
     * @since 0.1.0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseFormat(
            String type,
            @JsonProperty("json_schema") @Nullable JsonSchema jsonSchema) {}

    /**
     * A named JSON schema the answer must match, sent as the caller wrote it (checked to be one JSON
     * object first), as tool parameters are.
     *
     * @since 0.1.0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(
            String name,
            @JsonRawValue String schema,
            @Nullable Boolean strict) {}
}
