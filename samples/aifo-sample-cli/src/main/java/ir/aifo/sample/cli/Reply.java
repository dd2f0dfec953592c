package ir.aifo.sample.cli;

import ir.aifo.quota.HubQuota;
import ir.aifo.routing.TargetUnavailable;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.RateLimit;

/**
 * A whole answer and what came with it: the hub and model that answered, the hubs the route tried
 * first, the provider that served it (MyAIHub), and the quota or rate-limit figures.
 *
 * @param text the answer as printed
 * @param hub the name of the hub that answered, as the route reported it
 * @param route the route the question went to
 * @param fallbacks the route's targets that did not answer before that hub did, and why
 * @param model the model that answered, as the hub named it
 * @param source the provider that served the request, {@code openai} or {@code openrouter} (MyAIHub)
 * @param rateLimit the rate limit reported with the answer
 * @param quota the quota reported with the answer
 */
record Reply(
        String text,
        @Nullable String hub,
        @Nullable String route,
        List<TargetUnavailable> fallbacks,
        @Nullable String model,
        @Nullable String source,
        @Nullable RateLimit rateLimit,
        @Nullable HubQuota quota) {}
