package ir.aifo.sample.cli;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.RateLimit;

/**
 * What {@code /quota} prints for the hub that gave the last answer: the last known quota of its key
 * (plan, period, every provider's bucket), or the rate-limit windows an OpenAI-compatible hub reported
 * with that answer. {@code /hubs} has a line on every hub.
 *
 * <p>The quota comes from the application's {@link QuotaTracker}, which also learns from failures
 * (a spent quota is reported with the error), not only from answers.
 */
final class QuotaReport {

    private final QuotaTracker tracker;

    private final Hubs hubs;

    QuotaReport(QuotaTracker tracker, Hubs hubs) {
        this.tracker = tracker;
        this.hubs = hubs;
    }

    List<String> lines(@Nullable Reply lastReply) {
        if (lastReply == null || lastReply.hub() == null) {
            return List.of("No quota known yet: the hub reports it with each answer, so ask a question first.");
        }
        String hub = lastReply.hub();
        Optional<HubQuota> known = KnownQuota.of(tracker, hubs.model(hub));
        if (known.isPresent() && known.get().isMonthly()) {
            return monthly(hub, known.get());
        }
        RateLimit rateLimit = lastReply.rateLimit();
        if (rateLimit != null && RateLimitFigures.reported(rateLimit)) {
            List<String> lines = new ArrayList<>();
            lines.add("Rate limits " + hub + " reported with the last answer:");
            RateLimitFigures.windows(rateLimit).forEach(window -> lines.add("  " + window));
            return lines;
        }
        if (known.isPresent()) {
            return buckets("Last known figures of " + hub + ":", known.get());
        }
        return List.of(hub + " reported no quota with the last answer.");
    }

    private static List<String> monthly(String hub, HubQuota quota) {
        StringBuilder heading = new StringBuilder(hub).append("'s quota");
        if (quota.plan() != null) {
            heading.append(" on plan ").append(quota.plan());
        }
        if (quota.period() != null) {
            heading.append(" for ")
                    .append(quota.period())
                    .append(" (renews ")
                    .append(quota.period().plusMonths(1).atDay(1))
                    .append(" UTC)");
        }
        if (quota.limit() > 0) {
            heading.append(": ").append(RateLimitFigures.used(quota.total()));
        }
        return buckets(heading.toString(), quota);
    }

    private static List<String> buckets(String heading, HubQuota quota) {
        List<String> lines = new ArrayList<>();
        lines.add(heading);
        int width = quota.breakdown().keySet().stream()
                .mapToInt(String::length)
                .max()
                .orElse(0);
        for (Map.Entry<String, QuotaBucket> bucket : quota.breakdown().entrySet()) {
            String name = String.format("%-" + width + "s", bucket.getKey());
            String figures =
                    bucket.getValue().limit() == 0 ? "not in this plan" : RateLimitFigures.used(bucket.getValue());
            lines.add("  " + name + "  " + figures);
        }
        return lines;
    }
}
