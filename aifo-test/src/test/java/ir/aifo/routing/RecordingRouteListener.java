package ir.aifo.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Keeps what a router told its listener, as lines a test can compare. */
final class RecordingRouteListener implements RouteListener {

    final List<String> fallbacks = new CopyOnWriteArrayList<>();

    final List<TargetUnavailable> started = new CopyOnWriteArrayList<>();

    final List<TargetUnavailable> ended = new CopyOnWriteArrayList<>();

    @Override
    public void fellBack(String route, TargetUnavailable from, @Nullable RouteTarget to) {
        fallbacks.add(route + ": " + from.target() + " -> " + to + " (" + from.reason() + ")");
    }

    @Override
    public void coolDownStarted(TargetUnavailable coolDown) {
        started.add(coolDown);
    }

    @Override
    public void coolDownEnded(TargetUnavailable coolDown) {
        ended.add(coolDown);
    }
}
