package ir.aifo.sample.cli;

import ir.aifo.quota.HubQuota;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.RateLimit;

/**
 * A whole answer and what the hub said about it: the model that answered, the provider that served
 * it (MyAIHub), and the quota or rate-limit figures.
 *
 * @param text the answer as printed
 * @param model the model that answered, as the hub named it
 * @param source the provider that served the request, {@code openai} or {@code openrouter} (MyAIHub)
 * @param rateLimit the rate limit reported with the answer
 * @param quota the quota reported with the answer
 */
record Reply(
        String text,
        @Nullable String model,
        @Nullable String source,
        @Nullable RateLimit rateLimit,
        @Nullable HubQuota quota) {}
