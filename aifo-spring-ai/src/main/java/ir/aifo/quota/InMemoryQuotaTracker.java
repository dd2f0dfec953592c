package ir.aifo.quota;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link QuotaTracker} that keeps the figures in this JVM's memory: {@link QuotaTracker#inMemory()}. */
final class InMemoryQuotaTracker implements QuotaTracker {

    private final Map<String, HubQuota> quotas = new ConcurrentHashMap<>();

    @Override
    public HubQuota record(String keyFingerprint, HubQuota report) {
        // compute() serialises concurrent reports for one key, so no update is lost.
        return quotas.compute(keyFingerprint, (key, known) -> known == null ? report : known.updatedBy(report));
    }

    @Override
    public Optional<HubQuota> lastKnown(String keyFingerprint) {
        return Optional.ofNullable(quotas.get(keyFingerprint));
    }

    @Override
    public Map<String, HubQuota> snapshot() {
        return Map.copyOf(quotas);
    }

    @Override
    public String toString() {
        return "InMemoryQuotaTracker[keys=" + quotas.size() + "]";
    }
}
