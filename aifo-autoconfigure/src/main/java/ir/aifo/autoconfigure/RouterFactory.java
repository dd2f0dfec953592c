package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteListener;
import ir.aifo.routing.RouteTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Builds the router from the hub beans and {@code spring.ai.aifo.routes}, refusals naming the property. */
final class RouterFactory {

    private RouterFactory() {}

    static AifoRouter create(
            Map<String, AifoChatModel> hubs,
            AifoRoutingProperties properties,
            Stream<RouteListener> listeners,
            AifoRouter.@Nullable CoolDownSharing sharing,
            Clock clock) {
        AifoRouter.Builder router =
                AifoRouter.builder().coolDownSharing(sharing).clock(clock);
        hubs.forEach(router::hub);
        properties.getRoutes().forEach((route, targets) -> router.route(route, targets(route, targets)));
        AifoRoutingProperties.Routing routing = properties.getRouting();
        router.defaultRoute(properties.getDefaultRoute())
                .failuresBeforeCoolDown(routing.getFailuresBeforeCoolDown())
                .failureCoolDown(routing.getFailureCoolDown())
                .keyRefusedCoolDown(routing.getKeyRefusedCoolDown())
                .rateLimitCoolDown(routing.getRateLimitCoolDown());
        listeners.forEach(router::listener);
        return PropertyNames.TOP_LEVEL.reportedAsProperties(router::build);
    }

    private static List<RouteTarget> targets(String route, List<String> targets) {
        List<RouteTarget> parsed = new ArrayList<>(targets.size());
        for (String target : targets) {
            try {
                parsed.add(RouteTarget.parse(target));
            } catch (IllegalArgumentException malformed) {
                // Not as the cause: the start-up report leads with the root cause, which must name the property.
                throw new IllegalArgumentException(
                        OnRoutesCondition.ROUTES + "." + route + ": " + malformed.getMessage());
            }
        }
        return parsed;
    }
}
