package ir.aifo.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code aifo} health contributor: where quota and cool-downs are kept, {@code UP} while it is
 * reached and {@code DEGRADED} while a shared store is away. Never {@code DOWN}: calls go on with what
 * the instance knows, so a load balancer must not take it out of service. Boot's default status order
 * does not know {@code DEGRADED}, so the application's overall status stays {@code UP} unless
 * {@code management.endpoint.health.status.order} names it.
 */
final class AifoHealthIndicator implements HealthIndicator {

    /** A shared store is away: calls go on with this instance's knowledge alone. */
    static final Status DEGRADED = new Status("DEGRADED", "Calls go on with what this instance knows");

    private final QuotaStoreStatus store;

    AifoHealthIndicator(QuotaStoreStatus store) {
        this.store = store;
    }

    @Override
    public Health health() {
        AifoEndpoint.StoreDescriptor now = store.describe();
        Health.Builder health = now.isDegraded() ? Health.status(DEGRADED) : Health.up();
        health.withDetail("store", now.type()).withDetail("state", now.state());
        if (now.since() != null) {
            health.withDetail("since", now.since().toString());
        }
        if (now.keyPrefix() != null) {
            health.withDetail("keyPrefix", now.keyPrefix());
        }
        if (now.problem() != null) {
            health.withDetail("problem", now.problem());
        }
        return health.build();
    }
}
