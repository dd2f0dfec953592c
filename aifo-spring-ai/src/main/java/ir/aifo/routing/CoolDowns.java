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

    private final AifoRouter.@Nullable CoolDownSharing sharing;

    CoolDowns(
            Clock clock,
            int failuresBeforeCoolDown,
            Duration failureCoolDown,
            RouteEvents events,
            AifoRouter.@Nullable CoolDownSharing sharing) {
        this.clock = clock;
        this.failuresBeforeCoolDown = failuresBeforeCoolDown;
        this.failureCoolDown = failureCoolDown;
        this.events = events;
        this.sharing = sharing;
        if (sharing != null) {
            sharing.connect(this::learned);
        }
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
        if (start(reported, false) && sharing != null) {
            sharing.share(reported.forTarget(FailureTriage.coolDownScope(reported), reported.sent()));
        }
        return reported;
    }

    /**
     * A cool-down another instance started: kept like one of this instance's own (the later end wins),
     * but not shared back; one that has already ended by this instance's clock is ignored.
     */
    void learned(TargetUnavailable coolDown) {
        if (coolDown.until() != null && !isOver(coolDown)) {
            start(coolDown, true);
        }
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

    /** @return whether the cool-down started or was lengthened: news for the other instances */
    private boolean start(TargetUnavailable failure, boolean learned) {
        RouteTarget scope = FailureTriage.coolDownScope(failure);
        TargetUnavailable next = failure.forTarget(scope, failure.sent());
        TargetUnavailable[] ended = {null};
        boolean[] started = {false};
        boolean[] lengthened = {false};
        active.compute(scope, (key, running) -> {
            if (running == null || isOver(running)) {
                ended[0] = running;
                started[0] = true;
                return next;
            }
            // Concurrent refusals of one hub make one cool-down, lengthened by a later end.
            lengthened[0] = next.until().isAfter(running.until());
            return lengthened[0] ? next : running;
        });
        if (ended[0] != null) {
            events.coolDownEnded(ended[0]);
        }
        if (started[0]) {
            events.coolDownStarted(next, learned);
        }
        return started[0] || lengthened[0];
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
