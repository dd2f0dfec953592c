package ir.aifo.sample.web;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of one hub's quota: the figures the tracker holds for its key, as far as the hub's own
 * dialect reports them: MyAIHub's monthly buckets and plan, or an OpenAI-compatible hub's rate-limit
 * windows.
 *
 * <p>The tracker keeps figures per key, not per hub, so two hubs given one key share them; the
 * simulator's hubs do, since each has the simulator's default key. Each hub shows its own part.
 */
final class KnownQuota {

    private static final String MONTHLY_DIALECT = "myaihub";

    private KnownQuota() {}

    /** The hub's figures; empty before the first, and while its key has none of the kind its dialect reports. */
    static Optional<HubQuota> of(QuotaTracker tracker, AifoChatModel hub) {
        return tracker.lastKnown(hub.getKeyFingerprint())
                .map(known -> ofDialect(known, hub.getProtocolName()))
                .filter(quota -> !quota.breakdown().isEmpty());
    }

    private static HubQuota ofDialect(HubQuota known, String protocol) {
        boolean monthly = MONTHLY_DIALECT.equals(protocol);
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>();
        known.breakdown().forEach((name, bucket) -> {
            if (monthly != isWindow(name)) {
                buckets.put(name, bucket);
            }
        });
        if (monthly) {
            return new HubQuota(
                    known.plan(),
                    known.period(),
                    known.used(),
                    known.limit(),
                    known.remaining(),
                    buckets,
                    known.observedAt());
        }
        QuotaBucket requests = buckets.getOrDefault(HubQuota.REQUESTS, new QuotaBucket(0, 0, 0));
        return new HubQuota(
                null, null, requests.used(), requests.limit(), requests.remaining(), buckets, known.observedAt());
    }

    private static boolean isWindow(String bucket) {
        return bucket.equals(HubQuota.REQUESTS) || bucket.equals(HubQuota.TOKENS);
    }
}
