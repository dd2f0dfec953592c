package ir.aifo.autoconfigure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import ir.aifo.routing.RouteListener;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Counts {@code aifo.routing.fallbacks}: each time a route moves on from a target, tagged with the
 * route, the hub it moved on from, the hub that answered ({@code none} when none did), and why. Hub
 * names rather than models keep the tags few.
 */
final class AifoRoutingMetrics implements RouteListener, MeterBinder {

    static final String FALLBACKS = "aifo.routing.fallbacks";

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
    }

    @Override
    public void fellBack(String route, TargetUnavailable from, @Nullable RouteTarget to) {
        for (MeterRegistry registry : registries) {
            Counter.builder(FALLBACKS)
                    .description("Requests a route moved on from one target to the next")
                    .tag("route", route)
                    .tag("from", from.target().hub())
                    .tag("to", to == null ? "none" : to.hub())
                    .tag("reason", from.reason().name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
    }
}
