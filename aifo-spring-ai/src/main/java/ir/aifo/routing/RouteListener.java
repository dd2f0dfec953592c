package ir.aifo.routing;

import org.jspecify.annotations.Nullable;

/**
 * Told when a route moves on from a target and when a target starts and ends a cool-down, for
 * metrics, alerts or application events. Called on the thread of the request concerned; a listener
 * that fails is logged and does not fail the request.
 *
 * @since 0.1.0
 */
public interface RouteListener {

    /**
     * A request of {@code route} moved on from a target, which skipped or failed it.
     *
     * @param to the target that answered it; {@code null} when none did
     */
    default void fellBack(String route, TargetUnavailable from, @Nullable RouteTarget to) {}

    /** A target (or a whole hub) starts a cool-down: routes skip it, unsent, until it ends. */
    default void coolDownStarted(TargetUnavailable coolDown) {}

    /**
     * A cool-down ended. Noticed when the router next looks at the target (a request, or a look at its
     * cool-downs), not at the moment it ends: a cool-down of a month needs no timer running for a month.
     */
    default void coolDownEnded(TargetUnavailable coolDown) {}
}
