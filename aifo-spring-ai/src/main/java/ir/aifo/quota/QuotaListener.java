package ir.aifo.quota;

/**
 * Told every time a key's known quota changes, after the tracker has merged the report.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface QuotaListener {

    void quotaUpdated(String keyFingerprint, HubQuota quota);
}
