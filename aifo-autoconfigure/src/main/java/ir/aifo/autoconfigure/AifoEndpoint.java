package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import java.time.YearMonth;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/aifo}: which hub the chat model talks to, and the quota the hub last reported.
 * The API key is never part of it.
 *
 * @since 0.1.0
 */
@Endpoint(id = "aifo")
public class AifoEndpoint {

    private final AifoChatModel model;

    private final QuotaTracker tracker;

    public AifoEndpoint(AifoChatModel model, QuotaTracker tracker) {
        this.model = model;
        this.tracker = tracker;
    }

    @ReadOperation
    public HubDescriptor hub() {
        HubQuota quota = tracker.lastKnown(model.getKeyFingerprint()).orElse(null);
        return new HubDescriptor(
                model.getProtocolName(),
                model.getBaseUrl(),
                model.getOptions().getModel(),
                quota == null ? null : quota.plan(),
                quota == null ? null : quota.period(),
                quota == null ? Map.of() : quota.breakdown());
    }

    /**
     * What the endpoint shows.
     *
     * @param quota the last known bucket per provider
     * @since 0.1.0
     */
    public record HubDescriptor(
            String protocol,
            String baseUrl,
            @Nullable String model,
            @Nullable String plan,
            @Nullable YearMonth period,
            Map<String, QuotaBucket> quota) {}
}
