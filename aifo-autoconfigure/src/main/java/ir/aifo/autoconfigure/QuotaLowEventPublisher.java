package ir.aifo.autoconfigure;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes an {@link AifoQuotaLowEvent} when a bucket crosses below the low watermark: edge-triggered,
 * so a bucket that stays low is announced once, and one that recovers is watched again.
 */
final class QuotaLowEventPublisher implements QuotaListener {

    private final ApplicationEventPublisher publisher;

    private final double lowWatermark;

    // key fingerprint + provider of the buckets already announced as low
    private final Set<String> low = ConcurrentHashMap.newKeySet();

    QuotaLowEventPublisher(ApplicationEventPublisher publisher, double lowWatermark) {
        if (lowWatermark < 0 || lowWatermark > 1 || Double.isNaN(lowWatermark)) {
            throw new IllegalArgumentException(
                    "spring.ai.aifo.quota.low-watermark is " + lowWatermark + " but must be between 0 and 1");
        }
        this.publisher = publisher;
        this.lowWatermark = lowWatermark;
    }

    @Override
    public void quotaUpdated(String keyFingerprint, HubQuota quota) {
        for (Map.Entry<String, QuotaBucket> entry : quota.breakdown().entrySet()) {
            QuotaBucket bucket = entry.getValue();
            String name = keyFingerprint + "/" + entry.getKey();
            boolean isLow = bucket.limit() > 0 && bucket.remaining() < bucket.limit() * lowWatermark;
            if (isLow && low.add(name)) {
                publisher.publishEvent(new AifoQuotaLowEvent(this, keyFingerprint, entry.getKey(), bucket, quota));
            } else if (!isLow) {
                low.remove(name);
            }
        }
    }
}
