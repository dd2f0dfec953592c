package ir.aifo.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * The {@code meta} event that ends a reply: the conversation to continue, the model that answered,
 * and the quota (MyAIHub) or rate-limit (AiFO, TokenHub) figures that came with the reply.
 */
public record ReplyMeta(
        String conversationId,
        String model,
        @Nullable QuotaView quota,
        @Nullable RateLimitView rateLimit) {}
