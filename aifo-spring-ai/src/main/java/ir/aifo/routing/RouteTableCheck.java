package ir.aifo.routing;

import ir.aifo.chat.AifoChatModel;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Refuses a route table that cannot work, before any request, saying what to change. */
final class RouteTableCheck {

    private RouteTableCheck() {}

    static void check(Map<String, AifoChatModel> hubs, Map<String, Route> routes, @Nullable String defaultRoute) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("A router needs at least one route, such as"
                    + " spring.ai.aifo.routes.smart=<hub>:<model>, <hub>:<model>");
        }
        for (Route route : routes.values()) {
            if (route.targets().isEmpty()) {
                throw new IllegalArgumentException(
                        "Route '" + route.name() + "' has no target: list them as hub:model, in the order to try");
            }
            for (RouteTarget target : route.targets()) {
                if (target.isWholeHub()) {
                    throw new IllegalArgumentException("Route '" + route.name() + "' names hub '" + target.hub()
                            + "' without a model: write it hub:model");
                }
                if (!hubs.containsKey(target.hub())) {
                    throw new IllegalArgumentException("Route '" + route.name() + "' names hub '" + target.hub()
                            + "', which is not configured; the hubs are " + hubs.keySet()
                            + " (spring.ai.aifo.hubs.<name>.*)");
                }
            }
        }
        if (defaultRoute != null && !routes.containsKey(defaultRoute)) {
            throw new IllegalArgumentException("The default route '" + defaultRoute
                    + "' is not a route; the routes are " + routes.keySet() + " (spring.ai.aifo.default-route)");
        }
    }
}
