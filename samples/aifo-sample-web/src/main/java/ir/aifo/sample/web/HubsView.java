package ir.aifo.sample.web;

import ir.aifo.quota.QuotaTracker;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/hubs} answers: every hub, its state and last known quota, and the routes over
 * them.
 *
 * @param simulator whether the built-in simulator answers for any hub
 * @param defaultRoute the route messages go to
 * @param hubs the hubs, in the order the routes try them
 * @param routes the routes, the default one first
 */
public record HubsView(boolean simulator, String defaultRoute, List<HubView> hubs, List<RouteView> routes) {

    static HubsView of(Hubs hubs, QuotaTracker tracker) {
        // One look at the cool-downs for the whole answer, so that hubs and routes agree.
        Map<RouteTarget, TargetUnavailable> coolDowns = new LinkedHashMap<>();
        hubs.router().getCoolDowns().forEach(coolDown -> coolDowns.put(coolDown.target(), coolDown));
        List<HubView> hubViews = new ArrayList<>();
        for (String hub : hubs.names()) {
            TargetUnavailable coolDown = coolDowns.get(RouteTarget.wholeHub(hub));
            hubViews.add(new HubView(
                    hub,
                    hubs.model(hub).getProtocolName(),
                    ShownAddress.of(hubs.model(hub).getBaseUrl()),
                    hubs.isSimulated(hub),
                    Hubs.keyVariable(hub),
                    KnownQuota.of(tracker, hubs.model(hub)).map(QuotaView::from).orElse(null),
                    coolDown == null ? null : TargetUnavailableView.of(coolDown)));
        }
        List<RouteView> routeViews = new ArrayList<>();
        for (String route : hubs.routes()) {
            List<RouteView.Target> targets = new ArrayList<>();
            for (RouteTarget target : hubs.router().getRoutes().get(route)) {
                TargetUnavailable coolDown = coolDowns.get(target);
                targets.add(new RouteView.Target(
                        target.toString(), coolDown == null ? null : TargetUnavailableView.of(coolDown)));
            }
            routeViews.add(new RouteView(route, targets));
        }
        return new HubsView(!hubs.simulated().isEmpty(), hubs.defaultRoute(), hubViews, routeViews);
    }
}
