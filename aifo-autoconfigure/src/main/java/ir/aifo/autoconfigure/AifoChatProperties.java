package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoResponseFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat path and the default options of every request: {@code spring.ai.aifo.chat.*}. An unset
 * option is not sent, so the hub's own default applies.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AifoChatProperties.PREFIX)
public class AifoChatProperties {

    public static final String PREFIX = "spring.ai.aifo.chat";

    /** Chat path below the base URL; by default the protocol's (/v1/chat/completions or /api/chat_v3.php). */
    private @Nullable String completionsPath;

    /** Model id, as provider/modelId on AiFO. */
    private String model = AifoChatModel.DEFAULT_MODEL;

    /** Sampling temperature, 0 to 2. */
    private @Nullable Double temperature;

    /** Nucleus sampling probability mass, 0 to 1. */
    private @Nullable Double topP;

    /** Top-k sampling, 1 or more; not part of the OpenAI format, accepted by many hubs. */
    private @Nullable Integer topK;

    /** Number of choices to generate, 1 or more. */
    private @Nullable Integer n;

    /** Sequences at which the model stops generating. */
    private @Nullable List<String> stop;

    /** Most tokens to generate. */
    private @Nullable Integer maxTokens;

    /** Most completion tokens to generate; reasoning models need this instead of max-tokens. */
    private @Nullable Integer maxCompletionTokens;

    /** Penalty for tokens already present, -2 to 2. */
    private @Nullable Double presencePenalty;

    /** Penalty by how often a token appeared, -2 to 2. */
    private @Nullable Double frequencyPenalty;

    /** Seed for deterministic sampling, where the model supports it. */
    private @Nullable Long seed;

    /** End-user id the hub may use to detect abuse. */
    private @Nullable String user;

    /** Bias per token id, -100 to 100. */
    private @Nullable Map<String, Integer> logitBias;

    /** Whether a stream asks for a final usage chunk (stream_options.include_usage). */
    private boolean streamUsage = true;

    /** Which tool the model must use: none, auto, required, or the name of one function. */
    private @Nullable String toolChoice;

    /** Whether the model may ask for several tool calls at once. */
    private @Nullable Boolean parallelToolCalls;

    /** How hard a reasoning model thinks: low, medium or high. */
    private @Nullable String reasoningEffort;

    /** Kinds of output wanted, such as text,audio; sent as given. */
    private @Nullable List<String> modalities;

    /** Audio output settings (voice, format); sent as given. */
    private @Nullable Map<String, Object> audio;

    /** How closely a vision model looks at images: auto, low or high. */
    private @Nullable String imageDetail;

    /** Fields merged into the top level of every request's JSON, such as a provider routing object. */
    private @Nullable Map<String, Object> extraBody;

    /** Extra headers sent with every chat request. */
    private @Nullable Map<String, String> httpHeaders;

    private final ResponseFormat responseFormat = new ResponseFormat();

    /** The default options these properties describe. */
    public AifoChatOptions toOptions() {
        return AifoChatOptions.builder()
                .model(model)
                .temperature(temperature)
                .topP(topP)
                .topK(topK)
                .n(n)
                .stopSequences(stop)
                .maxTokens(maxTokens)
                .maxCompletionTokens(maxCompletionTokens)
                .presencePenalty(presencePenalty)
                .frequencyPenalty(frequencyPenalty)
                .seed(seed)
                .user(user)
                .logitBias(logitBias)
                .streamUsage(streamUsage)
                .toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls)
                .reasoningEffort(reasoningEffort)
                .modalities(modalities)
                .audio(audio)
                .imageDetail(imageDetail)
                .extraBody(extraBody)
                .httpHeaders(httpHeaders)
                .responseFormat(responseFormat.toFormat())
                .build();
    }

    public @Nullable String getCompletionsPath() {
        return completionsPath;
    }

    public void setCompletionsPath(@Nullable String completionsPath) {
        this.completionsPath = completionsPath;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public @Nullable Double getTemperature() {
        return temperature;
    }

    public void setTemperature(@Nullable Double temperature) {
        this.temperature = temperature;
    }

    public @Nullable Double getTopP() {
        return topP;
    }

    public void setTopP(@Nullable Double topP) {
        this.topP = topP;
    }

    public @Nullable Integer getTopK() {
        return topK;
    }

    public void setTopK(@Nullable Integer topK) {
        this.topK = topK;
    }

    public @Nullable Integer getN() {
        return n;
    }

    public void setN(@Nullable Integer n) {
        this.n = n;
    }

    public @Nullable List<String> getStop() {
        return stop;
    }

    public void setStop(@Nullable List<String> stop) {
        this.stop = stop;
    }

    public @Nullable Integer getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(@Nullable Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    public @Nullable Integer getMaxCompletionTokens() {
        return maxCompletionTokens;
    }

    public void setMaxCompletionTokens(@Nullable Integer maxCompletionTokens) {
        this.maxCompletionTokens = maxCompletionTokens;
    }

    public @Nullable Double getPresencePenalty() {
        return presencePenalty;
    }

    public void setPresencePenalty(@Nullable Double presencePenalty) {
        this.presencePenalty = presencePenalty;
    }

    public @Nullable Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    public void setFrequencyPenalty(@Nullable Double frequencyPenalty) {
        this.frequencyPenalty = frequencyPenalty;
    }

    public @Nullable Long getSeed() {
        return seed;
    }

    public void setSeed(@Nullable Long seed) {
        this.seed = seed;
    }

    public @Nullable String getUser() {
        return user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    public @Nullable Map<String, Integer> getLogitBias() {
        return logitBias;
    }

    public void setLogitBias(@Nullable Map<String, Integer> logitBias) {
        this.logitBias = logitBias;
    }

    public boolean isStreamUsage() {
        return streamUsage;
    }

    public void setStreamUsage(boolean streamUsage) {
        this.streamUsage = streamUsage;
    }

    public @Nullable String getToolChoice() {
        return toolChoice;
    }

    public void setToolChoice(@Nullable String toolChoice) {
        this.toolChoice = toolChoice;
    }

    public @Nullable Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    public void setParallelToolCalls(@Nullable Boolean parallelToolCalls) {
        this.parallelToolCalls = parallelToolCalls;
    }

    public @Nullable String getReasoningEffort() {
        return reasoningEffort;
    }

    public void setReasoningEffort(@Nullable String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
    }

    public @Nullable List<String> getModalities() {
        return modalities;
    }

    public void setModalities(@Nullable List<String> modalities) {
        this.modalities = modalities;
    }

    public @Nullable Map<String, Object> getAudio() {
        return audio;
    }

    public void setAudio(@Nullable Map<String, Object> audio) {
        this.audio = audio;
    }

    public @Nullable String getImageDetail() {
        return imageDetail;
    }

    public void setImageDetail(@Nullable String imageDetail) {
        this.imageDetail = imageDetail;
    }

    public @Nullable Map<String, Object> getExtraBody() {
        return extraBody;
    }

    public void setExtraBody(@Nullable Map<String, Object> extraBody) {
        this.extraBody = extraBody;
    }

    public @Nullable Map<String, String> getHttpHeaders() {
        return httpHeaders;
    }

    public void setHttpHeaders(@Nullable Map<String, String> httpHeaders) {
        this.httpHeaders = httpHeaders;
    }

    public ResponseFormat getResponseFormat() {
        return responseFormat;
    }

    /** The shape every answer must take, unless a request says otherwise. */
    public static class ResponseFormat {

        /** text, json_object or json_schema; unset sends no response_format. */
        private AifoResponseFormat.@Nullable Type type;

        /** Name of the JSON schema, for json_schema. */
        private String name = AifoResponseFormat.DEFAULT_SCHEMA_NAME;

        /** The JSON schema as JSON text, for json_schema. */
        private @Nullable String schema;

        /** Whether the hub must follow the schema exactly, for json_schema. */
        private boolean strict = true;

        @Nullable
        AifoResponseFormat toFormat() {
            if (type == null) {
                return null;
            }
            if (type == AifoResponseFormat.Type.JSON_SCHEMA && (schema == null || schema.isBlank())) {
                throw new IllegalArgumentException("spring.ai.aifo.chat.response-format.type is json_schema but"
                        + " spring.ai.aifo.chat.response-format.schema is not set");
            }
            boolean withSchema = type == AifoResponseFormat.Type.JSON_SCHEMA;
            return new AifoResponseFormat(
                    type, withSchema ? name : null, withSchema ? schema : null, withSchema ? strict : null);
        }

        public AifoResponseFormat.@Nullable Type getType() {
            return type;
        }

        public void setType(AifoResponseFormat.@Nullable Type type) {
            this.type = type;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public @Nullable String getSchema() {
            return schema;
        }

        public void setSchema(@Nullable String schema) {
            this.schema = schema;
        }

        public boolean isStrict() {
            return strict;
        }

        public void setStrict(boolean strict) {
            this.strict = strict;
        }
    }
}
