package ir.aifo.quota;

import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the last quota each API key was told about, so a call that cannot succeed fails before it
 * is sent, and so the figures can be shown and measured.
 *
 * <p>Keys are known by fingerprint only (see {@code AifoChatModel.getKeyFingerprint()}), never by the key itself.
 * Implementations must be thread-safe. The default keeps figures in memory per application
 * instance; since a hub counts per key across every instance, a shared store (Redis, say) can be
 * plugged in by implementing this interface.
 *
 * @since 0.1.0
 */
public interface QuotaTracker {

    /** A tracker that keeps the figures in this JVM's memory, the default. */
    static QuotaTracker inMemory() {
        return new InMemoryQuotaTracker();
    }

    /**
     * Merges a report into what is known for the key (see {@link HubQuota#updatedBy}).
     *
     * @return what is known after the merge
     */
    HubQuota record(String keyFingerprint, HubQuota report);

    /** What is known for a key, if anything. */
    Optional<HubQuota> lastKnown(String keyFingerprint);

    /** What is known for every key, by fingerprint. */
    Map<String, HubQuota> snapshot();

    /**
     * Whether the key's bucket for {@code provider} is known to be spent in {@code period}; figures
     * from an earlier month say nothing about this one.
     */
    default boolean isExhausted(String keyFingerprint, String provider, YearMonth period) {
        return lastKnown(keyFingerprint)
                .filter(quota -> period.equals(quota.period()))
                .flatMap(quota -> quota.bucket(provider))
                .map(QuotaBucket::isExhausted)
                .orElse(false);
    }
}
