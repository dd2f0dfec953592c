package ir.aifo.sample.cli;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /hubs} prints: each hub's dialect, address, whether it is simulated, its last known quota
 * and any cool-down that makes routes skip it; then each route's targets, with their own cool-downs
 * (a spent monthly bucket, failures in a row).
 */
final class HubsReport {

    private final Hubs hubs;

    private final QuotaTracker tracker;

    private final Clock clock;

    HubsReport(Hubs hubs, QuotaTracker tracker, Clock clock) {
        this.hubs = hubs;
        this.tracker = tracker;
        this.clock = clock;
    }

    List<String> lines() {
        // One look at the cool-downs for the whole report, so that hubs and routes agree.
        Map<RouteTarget, TargetUnavailable> coolDowns = new LinkedHashMap<>();
        hubs.router().getCoolDowns().forEach(coolDown -> coolDowns.put(coolDown.target(), coolDown));
        int width = hubs.names().stream().mapToInt(String::length).max().orElse(0);
        String indent = " ".repeat(width + 4);
        List<String> lines = new ArrayList<>();
        lines.add("Hubs:");
        for (String hub : hubs.names()) {
            AifoChatModel model = hubs.model(hub);
            String simulated = hubs.isSimulated(hub) ? ", simulated (" + Hubs.keyVariable(hub) + " is not set)" : "";
            lines.add("  " + String.format("%-" + width + "s", hub) + "  " + model.getProtocolName() + " at "
                    + model.getBaseUrl() + simulated);
            lines.add(indent + "quota: " + quota(model));
            TargetUnavailable coolDown = coolDowns.get(RouteTarget.wholeHub(hub));
            if (coolDown != null) {
                lines.add(indent + "skipped " + coolDown(coolDown));
            }
        }
        lines.add("Routes:");
        for (String route : hubs.routes()) {
            String name = route.equals(hubs.defaultRoute()) ? route + " (default)" : route;
            lines.add("  " + name + ": " + hubs.targetsOf(route));
            for (RouteTarget target : hubs.router().getRoutes().get(route)) {
                TargetUnavailable coolDown = coolDowns.get(target);
                if (coolDown != null) {
                    lines.add("    " + target + " skipped " + coolDown(coolDown));
                }
            }
        }
        return lines;
    }

    private String quota(AifoChatModel model) {
        HubQuota quota = KnownQuota.of(tracker, model).orElse(null);
        if (quota == null) {
            return "none known yet (the hub reports it with each answer)";
        }
        List<String> parts = new ArrayList<>();
        if (quota.plan() != null) {
            parts.add("plan " + quota.plan());
        }
        if (quota.period() != null) {
            parts.add(quota.period().toString());
        }
        quota.breakdown().forEach((name, bucket) -> parts.add(name + " " + bucket(bucket)));
        return String.join(" · ", parts);
    }

    // A month's bucket counts what was used; a rate-limit window, what is left until it ends.
    private String bucket(QuotaBucket bucket) {
        if (bucket.resetsAt() == null) {
            return bucket.limit() == 0 ? "not in this plan" : RateLimitFigures.used(bucket);
        }
        String left = bucket.remaining() + "/" + bucket.limit() + " left";
        Duration reset = Duration.between(clock.instant(), bucket.resetsAt());
        return reset.isNegative() || reset.isZero()
                ? left + " (that window has ended)"
                : left + ", resets in " + RateLimitFigures.human(reset);
    }

    /** {@code until 2027-01-01T00:00:00Z (in 27d 5h): quota spent, the openai bucket is spent}. */
    private String coolDown(TargetUnavailable coolDown) {
        return until(coolDown.until()) + ": " + coolDown.reason().description() + ", " + coolDown.detail();
    }

    private String until(@Nullable Instant until) {
        if (until == null) {
            return "for now";
        }
        Duration left = Duration.between(clock.instant(), until);
        return "until " + until.truncatedTo(ChronoUnit.SECONDS) + " (in "
                + RateLimitFigures.human(left.isNegative() ? Duration.ZERO : left) + ")";
    }
}
