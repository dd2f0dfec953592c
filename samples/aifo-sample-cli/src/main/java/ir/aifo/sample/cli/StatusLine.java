package ir.aifo.sample.cli;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.routing.TargetUnavailable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The short line printed after each answer: the hub that answered (and whether it is simulated), the
 * hubs the route tried before it and why they did not answer, the model, and the figures the hub
 * reported, such as {@code [answered by aifo (simulated), after myaihub: quota spent, not sent ·
 * openai/gpt-5-mini · requests 499/500 left, resets in 1m · tokens 199962/200000 left]}.
 */
final class StatusLine {

    private StatusLine() {}

    static String of(Reply reply, Hubs hubs) {
        String model = reply.model() == null ? "" : " · " + reply.model();
        return "[" + answeredBy(reply, hubs) + model + " · " + figures(reply) + "]";
    }

    private static String answeredBy(Reply reply, Hubs hubs) {
        String hub = reply.hub();
        if (hub == null) {
            return "answered";
        }
        StringBuilder line = new StringBuilder("answered by ").append(hub);
        if (hubs.isSimulated(hub)) {
            line.append(" (simulated)");
        }
        if (!reply.fallbacks().isEmpty()) {
            line.append(", after ").append(fallbacks(reply.fallbacks(), hub));
        }
        return line.toString();
    }

    /** Why each target did not answer: {@code myaihub: quota spent, not sent; tokenhub: rate limited}. */
    static String fallbacks(List<TargetUnavailable> fallbacks, @Nullable String answeringHub) {
        return String.join(
                "; ",
                fallbacks.stream()
                        .map(fallback -> fallback(fallback, answeringHub))
                        .toList());
    }

    // The hub says enough, unless the route tried another model of the hub that answered.
    private static String fallback(TargetUnavailable fallback, @Nullable String answeringHub) {
        String target = fallback.target().hub().equals(answeringHub)
                ? fallback.target().toString()
                : fallback.target().hub();
        return target + ": " + fallback.reason().description() + (fallback.sent() ? "" : ", not sent");
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
