package ir.aifo.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Gauges {@code aifo.quota.used}, {@code aifo.quota.limit} and {@code aifo.quota.remaining}, tagged by
 * provider, read from the tracker whenever they are scraped.
 *
 * <p>A provider's gauges are registered when the hub first reports its bucket, since which buckets
 * exist depends on the hub and the plan. The key is not a tag: it would be a secret's shadow in
 * every scrape. So a provider has one gauge of each kind however many keys the application uses,
 * and it shows the sum over those keys: with one key, that key's figures.
 *
 * <p>A {@link MeterBinder}, so that Boot hands over each registry once, when it is set up, rather than
 * the registry being looked up on every report.
 */
final class AifoQuotaMetrics implements QuotaListener, MeterBinder {

    private final QuotaTracker tracker;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    // This application's keys only: a tracker shared through Redis, say, may know other applications' keys.
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    // By provider alone, since name and provider tag are what identify a gauge: registering one again for
    // a second key would silently return the first.
    private final Set<String> providers = ConcurrentHashMap.newKeySet();

    AifoQuotaMetrics(QuotaTracker tracker) {
        this.tracker = tracker;
    }

    // Synchronized with addProvider, so that a provider first reported while a registry is bound gets its gauges.
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        // Replies may have come before the registry was bound.
        providers.forEach(provider -> register(registry, provider));
    }

    @Override
    public void quotaUpdated(String keyFingerprint, HubQuota quota) {
        keys.add(keyFingerprint);
        for (String provider : quota.breakdown().keySet()) {
            // Every reply comes here: only a provider not seen yet takes the lock.
            if (!providers.contains(provider)) {
                addProvider(provider);
            }
        }
    }

    private synchronized void addProvider(String provider) {
        if (providers.add(provider)) {
            registries.forEach(registry -> register(registry, provider));
        }
    }

    private void register(MeterRegistry registry, String provider) {
        gauge(registry, "aifo.quota.used", "Requests used in the current period", provider, QuotaBucket::used);
        gauge(registry, "aifo.quota.limit", "Requests allowed in the current period", provider, QuotaBucket::limit);
        gauge(
                registry,
                "aifo.quota.remaining",
                "Requests left in the current period",
                provider,
                QuotaBucket::remaining);
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String provider,
            ToDoubleFunction<QuotaBucket> figure) {
        Gauge.builder(name, this, metrics -> metrics.sum(provider, figure))
                .description(description)
                .tag("provider", provider)
                .register(registry);
    }

    /** The figure summed over this application's keys that have the bucket; NaN when none has. */
    private double sum(String provider, ToDoubleFunction<QuotaBucket> figure) {
        double sum = 0;
        boolean known = false;
        for (String key : keys) {
            Optional<QuotaBucket> bucket = tracker.lastKnown(key).flatMap(quota -> quota.bucket(provider));
            if (bucket.isPresent()) {
                sum += figure.applyAsDouble(bucket.get());
                known = true;
            }
        }
        return known ? sum : Double.NaN;
    }
}
