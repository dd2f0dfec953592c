package ir.aifo.chat.error;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;

/**
 * The key's monthly allowance for a provider is spent: reported by the hub, or known in advance from
 * an earlier report (then no request was sent). Retrying cannot help before the next month or an add-on.
 *
 * @since 0.1.0
 */
public class AifoQuotaExceededException extends NonTransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    private final @Nullable String provider;

    private final @Nullable HubQuota quota;

    public AifoQuotaExceededException(
            String message, HubError hubError, @Nullable String provider, @Nullable HubQuota quota) {
        super(message);
        this.hubError = hubError;
        this.provider = provider;
        this.quota = quota;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }

    /** The provider whose bucket is spent: {@code openrouter} or {@code openai}. */
    public @Nullable String getProvider() {
        return provider;
    }

    /** The quota the hub reported with the error (or the tracker knew), if any. */
    public Optional<HubQuota> getQuota() {
        return Optional.ofNullable(quota);
    }

    /** The spent bucket, if it was reported. */
    public Optional<QuotaBucket> getBucket() {
        return quota == null || provider == null ? Optional.empty() : quota.bucket(provider);
    }
}
