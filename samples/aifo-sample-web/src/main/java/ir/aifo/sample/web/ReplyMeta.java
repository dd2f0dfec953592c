package ir.aifo.sample.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code meta} event that ends a reply: the conversation to continue, the hub that answered (and
 * whether it is simulated), the route and the targets it tried first, the model that answered, and the
 * quota (MyAIHub) or rate-limit (AiFO, TokenHub) figures that came with the reply.
 *
 * @param hub the name of the hub that answered
 * @param simulated whether the built-in hub simulator answered for that hub
 * @param route the route the message went to
 * @param fallbacks the route's targets that did not answer before that hub did, and why; empty when the
 *     first answered
 */
public record ReplyMeta(
        String conversationId,
        @Nullable String hub,
        boolean simulated,
        @Nullable String route,
        List<TargetUnavailableView> fallbacks,
        @Nullable String model,
        @Nullable QuotaView quota,
        @Nullable RateLimitView rateLimit) {}
