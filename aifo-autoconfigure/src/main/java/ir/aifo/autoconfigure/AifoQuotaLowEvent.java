package ir.aifo.autoconfigure;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import org.springframework.context.ApplicationEvent;

/**
 * Published once when a quota bucket's remaining requests fall below
 * {@code spring.ai.aifo.quota.low-watermark} of its limit; published again only after the bucket has
 * recovered (a new month, an add-on) and fallen again.
 *
 * @since 0.1.0
 */
public class AifoQuotaLowEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String keyFingerprint;

    private final String provider;

    private final transient QuotaBucket bucket;

    private final transient HubQuota quota;

    public AifoQuotaLowEvent(
            Object source, String keyFingerprint, String provider, QuotaBucket bucket, HubQuota quota) {
        super(source);
        this.keyFingerprint = keyFingerprint;
        this.provider = provider;
        this.bucket = bucket;
        this.quota = quota;
    }

    /** The key whose quota runs low, by fingerprint. */
    public String getKeyFingerprint() {
        return keyFingerprint;
    }

    /** The bucket's provider, such as {@code openai}. */
    public String getProvider() {
        return provider;
    }

    /** The bucket as last reported. */
    public QuotaBucket getBucket() {
        return bucket;
    }

    /** Everything known of the key's quota. */
    public HubQuota getQuota() {
        return quota;
    }
}
