package ir.aifo.chat;

import ir.aifo.internal.protocol.RequestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a chat request to an AI hub: the model, sampling and length controls, tools,
 * structured output, reasoning, and hub-specific extras.
 *
 * <p>Immutable. {@link #mutate()} returns a builder holding every field, and the builder extends
 * Spring AI's {@link DefaultToolCallingChatOptions.Builder}, so options given to a {@code ChatClient}
 * (ours or Spring AI's generic ones) merge over the model's defaults. Names follow the
 * OpenAI-compatible wire fields; a {@code null} field is not sent.
 *
 * @since 0.1.0
 */
public final class AifoChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

    /** The {@code toolChoice} values that are modes; any other value names the one function to call. */
    public static final List<String> TOOL_CHOICE_MODES = RequestOptions.TOOL_CHOICE_MODES;

    private final @Nullable String model;
    private final @Nullable Double temperature;
    private final @Nullable Double topP;
    private final @Nullable Integer topK;
    private final @Nullable Integer n;
    private final @Nullable List<String> stopSequences;
    private final @Nullable Integer maxTokens;
    private final @Nullable Integer maxCompletionTokens;
    private final @Nullable Double presencePenalty;
    private final @Nullable Double frequencyPenalty;
    private final @Nullable Long seed;
    private final @Nullable String user;
    private final @Nullable Map<String, Integer> logitBias;
    private final @Nullable Boolean streamUsage;
    private final @Nullable List<ToolCallback> toolCallbacks;
    private final @Nullable Map<String, Object> toolContext;
    private final @Nullable String toolChoice;
    private final @Nullable Boolean parallelToolCalls;
    private final @Nullable AifoResponseFormat responseFormat;
    private final @Nullable String reasoningEffort;
    private final @Nullable List<String> modalities;
    private final @Nullable Map<String, Object> audio;
    private final @Nullable String imageDetail;
    private final @Nullable Map<String, Object> extraBody;
    private final @Nullable Map<String, String> httpHeaders;

    private AifoChatOptions(
            @Nullable String model,
            @Nullable Double temperature,
            @Nullable Double topP,
            @Nullable Integer topK,
            @Nullable List<String> stopSequences,
            @Nullable Integer maxTokens,
            @Nullable Double presencePenalty,
            @Nullable Double frequencyPenalty,
            @Nullable List<ToolCallback> toolCallbacks,
            @Nullable Map<String, Object> toolContext,
            Builder builder) {
        this.model = model;
        this.temperature = temperature;
        this.topP = topP;
        this.topK = topK;
        this.n = builder.n;
        // Not List.copyOf: a null element must reach the validator, which names it, rather than fail here.
        this.stopSequences =
                stopSequences == null ? null : Collections.unmodifiableList(new ArrayList<>(stopSequences));
        this.maxTokens = maxTokens;
        this.maxCompletionTokens = builder.maxCompletionTokens;
        this.presencePenalty = presencePenalty;
        this.frequencyPenalty = frequencyPenalty;
        this.seed = builder.seed;
        this.user = builder.user;
        this.logitBias = builder.logitBias == null ? null : copyInOrder(builder.logitBias);
        this.streamUsage = builder.streamUsage;
        this.toolCallbacks = toolCallbacks == null ? null : List.copyOf(toolCallbacks);
        this.toolContext = toolContext == null ? null : Map.copyOf(toolContext);
        this.toolChoice = builder.toolChoice;
        this.parallelToolCalls = builder.parallelToolCalls;
        this.responseFormat = builder.responseFormat;
        this.reasoningEffort = builder.reasoningEffort;
        this.modalities = builder.modalities == null ? null : List.copyOf(builder.modalities);
        this.audio = builder.audio == null ? null : copyInOrder(builder.audio);
        this.imageDetail = builder.imageDetail;
        this.extraBody = builder.extraBody == null ? null : copyInOrder(builder.extraBody);
        this.httpHeaders = builder.httpHeaders == null ? null : copyInOrder(builder.httpHeaders);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options for a request: every field set in {@code requested} wins, every other field comes from
     * {@code defaults}. Unlike {@code combineWith}, lists are replaced rather than appended, so
     * applying defaults to options that already hold them changes nothing.
     */
    public static AifoChatOptions overDefaults(@Nullable ChatOptions requested, AifoChatOptions defaults) {
        if (requested == null || requested.equals(defaults)) {
            return defaults;
        }
        Builder merged = defaults.mutate();
        merged.replaceWith(requested);
        return merged.build();
    }

    private static <V> Map<String, V> copyInOrder(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @Override
    public @Nullable String getModel() {
        return model;
    }

    @Override
    public @Nullable Double getTemperature() {
        return temperature;
    }

    @Override
    public @Nullable Double getTopP() {
        return topP;
    }

    /** Not part of the OpenAI wire format; sent as {@code top_k}, which many hubs accept. */
    @Override
    public @Nullable Integer getTopK() {
        return topK;
    }

    /** How many choices to generate for each request. */
    public @Nullable Integer getN() {
        return n;
    }

    /** Sent as {@code stop}. */
    @Override
    public @Nullable List<String> getStopSequences() {
        return stopSequences;
    }

    @Override
    public @Nullable Integer getMaxTokens() {
        return maxTokens;
    }

    /** The newer name of the output limit, which reasoning models require instead of {@code max_tokens}. */
    public @Nullable Integer getMaxCompletionTokens() {
        return maxCompletionTokens;
    }

    @Override
    public @Nullable Double getPresencePenalty() {
        return presencePenalty;
    }

    @Override
    public @Nullable Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    /** Asks the hub for deterministic sampling, where the model supports it. */
    public @Nullable Long getSeed() {
        return seed;
    }

    /** An end-user id the hub may use to detect abuse. */
    public @Nullable String getUser() {
        return user;
    }

    /** Token id (as a string) to bias between -100 and 100. */
    public @Nullable Map<String, Integer> getLogitBias() {
        return logitBias;
    }

    /**
     * Whether a stream asks for a final usage chunk ({@code stream_options.include_usage}); hubs
     * differ in whether they send usage otherwise.
     */
    public @Nullable Boolean getStreamUsage() {
        return streamUsage;
    }

    @Override
    public @Nullable List<ToolCallback> getToolCallbacks() {
        return toolCallbacks;
    }

    @Override
    public @Nullable Map<String, Object> getToolContext() {
        return toolContext;
    }

    /** Which tool the model must use: {@code none}, {@code auto}, {@code required}, or the name of one function. */
    public @Nullable String getToolChoice() {
        return toolChoice;
    }

    /** Whether the model may ask for several tool calls at once. */
    public @Nullable Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    /** The shape the answer must take: text, a JSON object, or JSON matching a schema. */
    public @Nullable AifoResponseFormat getResponseFormat() {
        return responseFormat;
    }

    /** How hard a reasoning model thinks: {@code low}, {@code medium} or {@code high}. */
    public @Nullable String getReasoningEffort() {
        return reasoningEffort;
    }

    /** The kinds of output wanted, such as {@code ["text", "audio"]}; sent as given. */
    public @Nullable List<String> getModalities() {
        return modalities;
    }

    /** Audio output settings, such as voice and format; sent as given. */
    public @Nullable Map<String, Object> getAudio() {
        return audio;
    }

    /** How closely a vision model looks at the images: {@code auto}, {@code low} or {@code high}. */
    public @Nullable String getImageDetail() {
        return imageDetail;
    }

    /** Fields merged into the top level of the request JSON, for what a hub adds (a provider routing object, say); they win over the typed fields. */
    public @Nullable Map<String, Object> getExtraBody() {
        return extraBody;
    }

    /** Headers added to the request; the dialect's own authentication header wins over one of the same name. */
    public @Nullable Map<String, String> getHttpHeaders() {
        return httpHeaders;
    }

    /** The JSON schema of a {@code json_schema} response format; how Spring AI's structured output reads it. */
    @Override
    public @Nullable String getOutputSchema() {
        return responseFormat != null && responseFormat.type() == AifoResponseFormat.Type.JSON_SCHEMA
                ? responseFormat.schema()
                : null;
    }

    @Override
    public Builder mutate() {
        return new Builder()
                .model(model)
                .temperature(temperature)
                .topP(topP)
                .topK(topK)
                .n(n)
                .stopSequences(stopSequences)
                .maxTokens(maxTokens)
                .maxCompletionTokens(maxCompletionTokens)
                .presencePenalty(presencePenalty)
                .frequencyPenalty(frequencyPenalty)
                .seed(seed)
                .user(user)
                .logitBias(logitBias)
                .streamUsage(streamUsage)
                .toolCallbacks(toolCallbacks)
                .toolContext(toolContext)
                .toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat)
                .reasoningEffort(reasoningEffort)
                .modalities(modalities)
                .audio(audio)
                .imageDetail(imageDetail)
                .extraBody(extraBody)
                .httpHeaders(httpHeaders);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AifoChatOptions that)) {
            return false;
        }
        return Objects.equals(model, that.model)
                && Objects.equals(temperature, that.temperature)
                && Objects.equals(topP, that.topP)
                && Objects.equals(topK, that.topK)
                && Objects.equals(n, that.n)
                && Objects.equals(stopSequences, that.stopSequences)
                && Objects.equals(maxTokens, that.maxTokens)
                && Objects.equals(maxCompletionTokens, that.maxCompletionTokens)
                && Objects.equals(presencePenalty, that.presencePenalty)
                && Objects.equals(frequencyPenalty, that.frequencyPenalty)
                && Objects.equals(seed, that.seed)
                && Objects.equals(user, that.user)
                && Objects.equals(logitBias, that.logitBias)
                && Objects.equals(streamUsage, that.streamUsage)
                && Objects.equals(toolCallbacks, that.toolCallbacks)
                && Objects.equals(toolContext, that.toolContext)
                && Objects.equals(toolChoice, that.toolChoice)
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(responseFormat, that.responseFormat)
                && Objects.equals(reasoningEffort, that.reasoningEffort)
                && Objects.equals(modalities, that.modalities)
                && Objects.equals(audio, that.audio)
                && Objects.equals(imageDetail, that.imageDetail)
                && Objects.equals(extraBody, that.extraBody)
                && Objects.equals(httpHeaders, that.httpHeaders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                model,
                temperature,
                topP,
                topK,
                n,
                stopSequences,
                maxTokens,
                maxCompletionTokens,
                presencePenalty,
                frequencyPenalty,
                seed,
                user,
                logitBias,
                streamUsage,
                toolCallbacks,
                toolContext,
                toolChoice,
                parallelToolCalls,
                responseFormat,
                reasoningEffort,
                modalities,
                audio,
                imageDetail,
                extraBody,
                httpHeaders);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("AifoChatOptions{");
        appendIfSet(text, "model", model);
        appendIfSet(text, "temperature", temperature);
        appendIfSet(text, "topP", topP);
        appendIfSet(text, "topK", topK);
        appendIfSet(text, "n", n);
        appendIfSet(text, "stopSequences", stopSequences);
        appendIfSet(text, "maxTokens", maxTokens);
        appendIfSet(text, "maxCompletionTokens", maxCompletionTokens);
        appendIfSet(text, "presencePenalty", presencePenalty);
        appendIfSet(text, "frequencyPenalty", frequencyPenalty);
        appendIfSet(text, "seed", seed);
        appendIfSet(text, "user", user);
        appendIfSet(text, "logitBias", logitBias);
        appendIfSet(text, "streamUsage", streamUsage);
        appendIfSet(text, "tools", toolCallbacks == null ? null : toolCallbacks.size());
        appendIfSet(text, "toolChoice", toolChoice);
        appendIfSet(text, "parallelToolCalls", parallelToolCalls);
        appendIfSet(text, "responseFormat", responseFormat);
        appendIfSet(text, "reasoningEffort", reasoningEffort);
        appendIfSet(text, "modalities", modalities);
        appendIfSet(text, "audio", audio);
        appendIfSet(text, "imageDetail", imageDetail);
        appendIfSet(text, "extraBody", extraBody);
        appendIfSet(text, "httpHeaders", httpHeaders == null ? null : httpHeaders.keySet());
        if (text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 2);
        }
        return text.append('}').toString();
    }

    private static void appendIfSet(StringBuilder text, String name, @Nullable Object value) {
        if (value != null) {
            text.append(name).append('=').append(value).append(", ");
        }
    }

    /**
     * Builds {@link AifoChatOptions}; {@link #combineWith} merges another builder's set fields over
     * this one's, as {@code ChatClient} does with per-request options.
     *
     * @since 0.1.0
     */
    public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
            implements StructuredOutputChatOptions.Builder<Builder> {

        private @Nullable Integer n;
        private @Nullable Integer maxCompletionTokens;
        private @Nullable Long seed;
        private @Nullable String user;
        private @Nullable Map<String, Integer> logitBias;
        private @Nullable Boolean streamUsage;
        private @Nullable String toolChoice;
        private @Nullable Boolean parallelToolCalls;
        private @Nullable AifoResponseFormat responseFormat;
        private @Nullable String reasoningEffort;
        private @Nullable List<String> modalities;
        private @Nullable Map<String, Object> audio;
        private @Nullable String imageDetail;
        private @Nullable Map<String, Object> extraBody;
        private @Nullable Map<String, String> httpHeaders;

        public Builder n(@Nullable Integer n) {
            this.n = n;
            return this;
        }

        public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder seed(@Nullable Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
            this.logitBias = logitBias == null ? null : new LinkedHashMap<>(logitBias);
            return this;
        }

        public Builder streamUsage(@Nullable Boolean streamUsage) {
            this.streamUsage = streamUsage;
            return this;
        }

        public Builder toolChoice(@Nullable String toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder responseFormat(@Nullable AifoResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder reasoningEffort(@Nullable String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder modalities(@Nullable List<String> modalities) {
            this.modalities = modalities == null ? null : new ArrayList<>(modalities);
            return this;
        }

        public Builder audio(@Nullable Map<String, Object> audio) {
            this.audio = audio == null ? null : new LinkedHashMap<>(audio);
            return this;
        }

        public Builder imageDetail(@Nullable String imageDetail) {
            this.imageDetail = imageDetail;
            return this;
        }

        public Builder extraBody(@Nullable Map<String, Object> extraBody) {
            this.extraBody = extraBody == null ? null : new LinkedHashMap<>(extraBody);
            return this;
        }

        public Builder httpHeaders(@Nullable Map<String, String> httpHeaders) {
            this.httpHeaders = httpHeaders == null ? null : new LinkedHashMap<>(httpHeaders);
            return this;
        }

        /** Sets a strict {@code json_schema} response format; how Spring AI's native structured output asks. */
        @Override
        public Builder outputSchema(@Nullable String outputSchema) {
            this.responseFormat = outputSchema == null
                    ? null
                    : AifoResponseFormat.jsonSchema(AifoResponseFormat.DEFAULT_SCHEMA_NAME, outputSchema);
            return this;
        }

        @Override
        public Builder clone() {
            Builder copy = super.clone();
            copy.logitBias = logitBias == null ? null : new LinkedHashMap<>(logitBias);
            copy.modalities = modalities == null ? null : new ArrayList<>(modalities);
            copy.audio = audio == null ? null : new LinkedHashMap<>(audio);
            copy.extraBody = extraBody == null ? null : new LinkedHashMap<>(extraBody);
            copy.httpHeaders = httpHeaders == null ? null : new LinkedHashMap<>(httpHeaders);
            return copy;
        }

        @Override
        public Builder combineWith(ChatOptions.Builder<?> other) {
            super.combineWith(other);
            if (other instanceof Builder that) {
                if (that.n != null) {
                    this.n = that.n;
                }
                if (that.maxCompletionTokens != null) {
                    this.maxCompletionTokens = that.maxCompletionTokens;
                }
                if (that.seed != null) {
                    this.seed = that.seed;
                }
                if (that.user != null) {
                    this.user = that.user;
                }
                if (that.logitBias != null) {
                    Map<String, Integer> merged = logitBias == null ? new LinkedHashMap<>() : logitBias;
                    merged.putAll(that.logitBias);
                    this.logitBias = merged;
                }
                if (that.streamUsage != null) {
                    this.streamUsage = that.streamUsage;
                }
                if (that.toolChoice != null) {
                    this.toolChoice = that.toolChoice;
                }
                if (that.parallelToolCalls != null) {
                    this.parallelToolCalls = that.parallelToolCalls;
                }
                if (that.responseFormat != null) {
                    this.responseFormat = that.responseFormat;
                }
                if (that.reasoningEffort != null) {
                    this.reasoningEffort = that.reasoningEffort;
                }
                if (that.modalities != null) {
                    this.modalities = that.modalities;
                }
                if (that.audio != null) {
                    this.audio = that.audio;
                }
                if (that.imageDetail != null) {
                    this.imageDetail = that.imageDetail;
                }
                if (that.extraBody != null) {
                    Map<String, Object> mergedExtraBody =
                            extraBody == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extraBody);
                    mergedExtraBody.putAll(that.extraBody);
                    this.extraBody = mergedExtraBody;
                }
                if (that.httpHeaders != null) {
                    Map<String, String> mergedHttpHeaders =
                            httpHeaders == null ? new LinkedHashMap<>() : new LinkedHashMap<>(httpHeaders);
                    mergedHttpHeaders.putAll(that.httpHeaders);
                    this.httpHeaders = mergedHttpHeaders;
                }
            }
            return this;
        }

        /** Sets every field that {@code requested} sets, replacing lists and maps whole. */
        void replaceWith(ChatOptions requested) {
            ChatOptions.Builder<?> source = requested.mutate();
            // A list that combineWith would append to is cleared first wherever the request sets one.
            if (requested.getStopSequences() != null) {
                stopSequences(null);
            }
            if (requested instanceof ToolCallingChatOptions tools) {
                if (tools.getToolCallbacks() != null
                        && !tools.getToolCallbacks().isEmpty()) {
                    toolCallbacks((List<ToolCallback>) null);
                }
            }
            if (requested instanceof AifoChatOptions aifo && aifo.getLogitBias() != null) {
                logitBias(null);
            }
            combineWith(source);
        }

        @Override
        public AifoChatOptions build() {
            // The generic fields are protected in Spring AI's builder, so they are handed over here.
            return new AifoChatOptions(
                    model,
                    temperature,
                    topP,
                    topK,
                    stopSequences,
                    maxTokens,
                    presencePenalty,
                    frequencyPenalty,
                    toolCallbacks,
                    toolContext,
                    this);
        }
    }
}
