package ir.aifo.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a chat request to an AI hub: the model, sampling and length controls, and tools.
 *
 * <p>Immutable. {@link #mutate()} returns a builder holding every field, and the builder extends
 * Spring AI's {@link DefaultToolCallingChatOptions.Builder}, so options given to a {@code ChatClient}
 * (ours or Spring AI's generic ones) merge over the model's defaults. Names follow the
 * OpenAI-compatible wire fields; a {@code null} field is not sent.
 *
 * @since 0.1.0
 */
public final class AifoChatOptions implements ToolCallingChatOptions {

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
                .toolContext(toolContext);
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
                && Objects.equals(toolContext, that.toolContext);
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
                toolContext);
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
    public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder> {

        private @Nullable Integer n;
        private @Nullable Integer maxCompletionTokens;
        private @Nullable Long seed;
        private @Nullable String user;
        private @Nullable Map<String, Integer> logitBias;
        private @Nullable Boolean streamUsage;

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

        @Override
        public Builder clone() {
            Builder copy = super.clone();
            copy.logitBias = logitBias == null ? null : new LinkedHashMap<>(logitBias);
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
