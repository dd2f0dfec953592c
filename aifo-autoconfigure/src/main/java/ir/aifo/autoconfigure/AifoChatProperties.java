package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatOptions;
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
    private String model = "openai/gpt-5-mini";

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
}
