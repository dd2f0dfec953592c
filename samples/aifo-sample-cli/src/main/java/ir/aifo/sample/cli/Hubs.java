package ir.aifo.sample.cli;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteTarget;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorFallback;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.env.Environment;

/**
 * The hubs behind the chat's routes, in the order the routes try them, and which of them the built-in
 * hub simulator stands in for because their key is not set.
 */
final class Hubs {

    private final AifoRouter router;

    private final List<String> names;

    private final Set<String> simulated;

    private Hubs(AifoRouter router, List<String> names, Set<String> simulated) {
        this.router = router;
        this.names = names;
        this.simulated = simulated;
    }

    static Hubs of(AifoRouter router, Environment environment) {
        List<String> names = inRouteOrder(router);
        boolean simulatorStarted = environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY, Boolean.class, false);
        Set<String> simulated = new LinkedHashSet<>();
        for (String name : names) {
            // The fallback gives each hub it stands in for the simulator's own key; a hub with a key keeps it.
            String key = environment.getProperty("spring.ai.aifo.hubs." + name + ".api-key");
            if (simulatorStarted && AifoHubSimulator.DEFAULT_KEY.equals(key)) {
                simulated.add(name);
            }
        }
        return new Hubs(router, List.copyOf(names), simulated);
    }

    /**
     * The environment variable this sample reads a hub's key from ({@code MYAIHUB_API_KEY} for the hub
     * {@code myaihub}), as its {@code application.properties} sets each hub's {@code api-key}.
     */
    static String keyVariable(String hub) {
        return hub.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
    }

    AifoRouter router() {
        return router;
    }

    List<String> names() {
        return names;
    }

    AifoChatModel model(String hub) {
        return router.getHubs().get(hub);
    }

    boolean isSimulated(String hub) {
        return simulated.contains(hub);
    }

    /** The simulated hubs, in route order. */
    List<String> simulated() {
        return List.copyOf(simulated);
    }

    boolean isRoute(String name) {
        return router.getRoutes().containsKey(name);
    }

    /** The route of a question that names none, which the chat starts with. */
    String defaultRoute() {
        return router.getDefaultRoute()
                .orElseGet(() -> router.getRoutes().keySet().iterator().next());
    }

    /** The routes' names, the default one first. */
    List<String> routes() {
        List<String> routes = new ArrayList<>(List.of(defaultRoute()));
        router.getRoutes().keySet().stream()
                .filter(route -> !routes.contains(route))
                .forEach(routes::add);
        return routes;
    }

    /** A route's targets as they are tried: {@code myaihub:openai/gpt-5-mini, then aifo:openai/gpt-5-mini}. */
    String targetsOf(String route) {
        return String.join(
                ", then ",
                router.getRoutes().get(route).stream()
                        .map(RouteTarget::toString)
                        .toList());
    }

    // The default route's hubs first, in its order, then the other routes' hubs, then any hub no route uses.
    private static List<String> inRouteOrder(AifoRouter router) {
        Set<String> names = new LinkedHashSet<>();
        router.getDefaultRoute()
                .map(router.getRoutes()::get)
                .ifPresent(targets -> targets.forEach(target -> names.add(target.hub())));
        router.getRoutes().values().forEach(targets -> targets.forEach(target -> names.add(target.hub())));
        names.addAll(new TreeSet<>(router.getHubs().keySet()));
        return new ArrayList<>(names);
    }
}
