package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/aifo}: every hub the application's chat models talk to, by name, and the quota each
 * hub last reported. The API key is never part of it.
 *
 * @since 0.1.0
 */
@Endpoint(id = "aifo")
public class AifoEndpoint {

    private final Map<String, AifoChatModel> hubs;

    private final QuotaTracker tracker;

    /**
     * @param hubs each hub's chat model by the hub's name, in the order the endpoint lists them
     * @param tracker where the quota each hub reported is kept
     */
    public AifoEndpoint(Map<String, AifoChatModel> hubs, QuotaTracker tracker) {
        this.hubs = Collections.unmodifiableMap(new LinkedHashMap<>(hubs));
        this.tracker = tracker;
    }

    @ReadOperation
    public AifoDescriptor aifo() {
        Map<String, HubDescriptor> described = new LinkedHashMap<>();
        hubs.forEach((name, model) -> described.put(name, describe(model)));
        return new AifoDescriptor(described);
    }

    private HubDescriptor describe(AifoChatModel model) {
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
     * @param hubs each hub by its name; {@code default} for the single hub of {@code spring.ai.aifo.*}
     * @since 0.1.0
     */
    public record AifoDescriptor(Map<String, HubDescriptor> hubs) {}

    /**
     * What the endpoint shows of one hub.
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
