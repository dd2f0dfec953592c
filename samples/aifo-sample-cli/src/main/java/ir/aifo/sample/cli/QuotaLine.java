package ir.aifo.sample.cli;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import org.jspecify.annotations.Nullable;

/**
 * The short line printed after each answer: the model that answered and the figures the hub reported,
 * such as {@code [openai/gpt-5-mini · requests 499/500 left, resets in 1m · tokens 199962/200000 left]}.
 */
final class QuotaLine {

    private QuotaLine() {}

    /**
     * The line for {@code reply}; {@code askedModel} stands in when the hub did not name the model
     * that answered.
     */
    static String of(Reply reply, String askedModel) {
        String model = reply.model() != null ? reply.model() : askedModel;
        return "[" + model + " · " + figures(reply) + "]";
    }

    private static String figures(Reply reply) {
        HubQuota quota = reply.quota();
        // Monthly counters (MyAIHub), or else the short rate-limit windows of an OpenAI-compatible hub.
        if (quota != null && quota.isMonthly()) {
            return monthly(quota, reply.source());
        }
        if (reply.rateLimit() != null && RateLimitFigures.reported(reply.rateLimit())) {
            return String.join(" · ", RateLimitFigures.windows(reply.rateLimit()));
        }
        return "the hub reported no quota or rate limits";
    }

    // Only the bucket that served this request: the whole breakdown is one /quota away.
    private static String monthly(HubQuota quota, @Nullable String source) {
        QuotaBucket bucket = source == null ? null : quota.bucket(source).orElse(null);
        String figures =
                bucket != null ? source + " " + RateLimitFigures.used(bucket) : RateLimitFigures.used(quota.total());
        return (quota.plan() == null ? "" : "plan " + quota.plan() + " · ") + figures + " this month";
    }
}
