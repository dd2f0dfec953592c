package ir.aifo.autoconfigure;

import ir.aifo.quota.QuotaTracker;
import java.util.function.Supplier;

/**
 * Where the application keeps quota and cool-downs, and whether it reaches it: what {@code /actuator/aifo}
 * shows under {@code store} and the {@code aifo} health contributor reports.
 */
final class QuotaStoreStatus {

    private final Supplier<AifoEndpoint.StoreDescriptor> state;

    private QuotaStoreStatus(Supplier<AifoEndpoint.StoreDescriptor> state) {
        this.state = state;
    }

    /** A store that is always there: the default in memory, or the application's own tracker. */
    static QuotaStoreStatus of(QuotaTracker tracker) {
        String type = tracker.getClass().getName().equals("ir.aifo.quota.InMemoryQuotaTracker")
                ? "memory"
                : tracker.getClass().getName();
        AifoEndpoint.StoreDescriptor always = new AifoEndpoint.StoreDescriptor(type, "UP", null, null, null);
        return new QuotaStoreStatus(() -> always);
    }

    /** A store that may be away, read afresh each time. */
    static QuotaStoreStatus of(Supplier<AifoEndpoint.StoreDescriptor> state) {
        return new QuotaStoreStatus(state);
    }

    AifoEndpoint.StoreDescriptor describe() {
        return state.get();
    }
}
