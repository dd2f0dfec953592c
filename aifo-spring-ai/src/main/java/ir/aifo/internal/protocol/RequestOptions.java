package ir.aifo.internal.protocol;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request's options as the dialects read them: already merged over the defaults and validated by
 * the model, which makes this from its public options. The dialects see this rather than the public
 * options class, so that they depend on no public package but the errors and the quota.
 *
 * @param responseFormat the wanted reply format, or {@code null} for the hub's default
 */
public record RequestOptions(
        @Nullable String model,
        @Nullable Double temperature,
        @Nullable Double topP,
        @Nullable Integer topK,
        @Nullable Integer n,
        @Nullable List<String> stopSequences,
        @Nullable Integer maxTokens,
        @Nullable Integer maxCompletionTokens,
        @Nullable Double presencePenalty,
        @Nullable Double frequencyPenalty,
        @Nullable Long seed,
        @Nullable String user,
        @Nullable Map<String, Integer> logitBias,
        @Nullable Boolean streamUsage,
        @Nullable String toolChoice,
        @Nullable Boolean parallelToolCalls,
        @Nullable ResponseFormatOption responseFormat,
        @Nullable String reasoningEffort,
        @Nullable List<String> modalities,
        @Nullable Map<String, Object> audio,
        @Nullable String imageDetail,
        @Nullable Map<String, Object> extraBody,
        @Nullable Map<String, String> httpHeaders) {

    /** The tool-choice values that are modes rather than a function's name. */
    public static final List<String> TOOL_CHOICE_MODES = List.of("none", "auto", "required");

    /**
     * The reply format asked for.
     *
     * @param type as on the wire: {@code text}, {@code json_object} or {@code json_schema}
     * @param schema the JSON schema, as text, for {@code json_schema}
     */
    public record ResponseFormatOption(
            String type,
            @Nullable String name,
            @Nullable String schema,
            @Nullable Boolean strict) {

        /** The name given to a schema that comes without one (Spring AI's structured output). */
        public static final String DEFAULT_SCHEMA_NAME = "response";

        public static final String JSON_SCHEMA = "json_schema";
    }
}
