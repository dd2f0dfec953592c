package ir.aifo.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Gauges {@code aifo.quota.used}, {@code aifo.quota.limit} and {@code aifo.quota.remaining}, tagged by
 * provider, read from the tracker whenever they are scraped.
 *
 * <p>A provider's gauges are registered when the hub first reports its bucket, since which buckets
 * exist depends on the hub and the plan. The key is not a tag: it would be a secret's shadow in
 * every scrape.
 */
final class AifoQuotaMetrics implements QuotaListener {

    private final ObjectProvider<MeterRegistry> registry;

    private final QuotaTracker tracker;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    // A provider, not a registry: the registry may be created after this configuration.
    AifoQuotaMetrics(ObjectProvider<MeterRegistry> registry, QuotaTracker tracker) {
        this.registry = registry;
        this.tracker = tracker;
    }

    @Override
    public void quotaUpdated(String keyFingerprint, HubQuota quota) {
        for (String provider : quota.breakdown().keySet()) {
            MeterRegistry meters = registry.getIfAvailable();
            if (meters != null && registered.add(keyFingerprint + "/" + provider)) {
                gauge(
                        meters,
                        "aifo.quota.used",
                        "Requests used in the current period",
                        keyFingerprint,
                        provider,
                        QuotaBucket::used);
                gauge(
                        meters,
                        "aifo.quota.limit",
                        "Requests allowed in the current period",
                        keyFingerprint,
                        provider,
                        QuotaBucket::limit);
                gauge(
                        meters,
                        "aifo.quota.remaining",
                        "Requests left in the current period",
                        keyFingerprint,
                        provider,
                        QuotaBucket::remaining);
            }
        }
    }

    private void gauge(
            MeterRegistry meters,
            String name,
            String description,
            String keyFingerprint,
            String provider,
            ToDoubleFunction<QuotaBucket> figure) {
        Gauge.builder(
                        name,
                        tracker,
                        t -> t.lastKnown(keyFingerprint)
                                .flatMap(quota -> quota.bucket(provider))
                                .map(figure::applyAsDouble)
                                .orElse(Double.NaN))
                .description(description)
                .tag("provider", provider)
                .register(meters);
    }
}
