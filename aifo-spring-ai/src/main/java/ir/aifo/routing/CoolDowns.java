package ir.aifo.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The targets and hubs that routes skip for now, and the failures in a row of each target.
 *
 * <p>Looked up before every attempt, so a look is two map reads and nothing more while all is well. A
 * cool-down that has ended is removed, and its end told, by the first look after it ends.
 */
final class CoolDowns {

    private final Map<RouteTarget, TargetUnavailable> active = new ConcurrentHashMap<>();

    private final Map<RouteTarget, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();

    private final Clock clock;

    private final int failuresBeforeCoolDown;

    private final Duration failureCoolDown;

    private final RouteEvents events;

    CoolDowns(Clock clock, int failuresBeforeCoolDown, Duration failureCoolDown, RouteEvents events) {
        this.clock = clock;
        this.failuresBeforeCoolDown = failuresBeforeCoolDown;
        this.failureCoolDown = failureCoolDown;
        this.events = events;
    }

    /** The cool-down that keeps {@code target} from being tried now: its hub's, or its own; else null. */
    @Nullable
    TargetUnavailable of(RouteTarget target) {
        if (active.isEmpty()) {
            return null;
        }
        TargetUnavailable hub = current(RouteTarget.wholeHub(target.hub()));
        return hub != null ? hub : current(target);
    }

    /**
     * Starts the cool-down a failure calls for, or lengthens one already running; a hub failure, which
     * has no end of its own, counts towards the failures in a row that start one.
     *
     * @return the failure as the route reports it: with the end of the cool-down it started, if any
     */
    TargetUnavailable failed(TargetUnavailable failure) {
        if (failure.until() == null && failure.reason() != TargetUnavailable.Reason.FAILING) {
            // A request the dialect cannot carry, a bucket whose last requests are in flight: no wait.
            return failure;
        }
        TargetUnavailable reported = failure;
        if (failure.until() == null) {
            int inARow = failuresInARow
                    .computeIfAbsent(failure.target(), target -> new AtomicInteger())
                    .incrementAndGet();
            if (inARow < failuresBeforeCoolDown) {
                return failure;
            }
            failuresInARow.remove(failure.target());
            reported = failure.until(clock.instant().plus(failureCoolDown));
        }
        start(reported);
        return reported;
    }

    /** The target answered: its failures in a row start again from none. */
    void succeeded(RouteTarget target) {
        if (!failuresInARow.isEmpty()) {
            failuresInARow.remove(target);
        }
    }

    /** Every cool-down still running, ended ones removed. */
    List<TargetUnavailable> running() {
        List<TargetUnavailable> running = new ArrayList<>();
        for (RouteTarget scope : List.copyOf(active.keySet())) {
            TargetUnavailable coolDown = current(scope);
            if (coolDown != null) {
                running.add(coolDown);
            }
        }
        return running;
    }

    private void start(TargetUnavailable failure) {
        RouteTarget scope = FailureTriage.coolDownScope(failure);
        TargetUnavailable next = failure.forTarget(scope, failure.sent());
        TargetUnavailable[] ended = {null};
        boolean[] started = {false};
        active.compute(scope, (key, running) -> {
            if (running == null || isOver(running)) {
                ended[0] = running;
                started[0] = true;
                return next;
            }
            // Concurrent refusals of one hub make one cool-down, lengthened by a later end.
            return next.until().isAfter(running.until()) ? next : running;
        });
        if (ended[0] != null) {
            events.coolDownEnded(ended[0]);
        }
        if (started[0]) {
            events.coolDownStarted(next);
        }
    }

    private @Nullable TargetUnavailable current(RouteTarget scope) {
        TargetUnavailable coolDown = active.get(scope);
        if (coolDown == null || !isOver(coolDown)) {
            return coolDown;
        }
        // Only the caller that removes it tells of its end, once.
        if (active.remove(scope, coolDown)) {
            events.coolDownEnded(coolDown);
        }
        return null;
    }

    private boolean isOver(TargetUnavailable coolDown) {
        return coolDown.until() != null && !clock.instant().isBefore(coolDown.until());
    }
}
