package ir.aifo.routing;

import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.protocol.MetadataKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request's way along its route: the targets that skipped or failed it, and their failures.
 * Nothing is allocated while the first target answers.
 */
final class RouteAttempts {

    private final Route route;

    private @Nullable List<TargetUnavailable> fallbacks;

    private @Nullable List<Throwable> failures;

    RouteAttempts(Route route) {
        this.route = route;
    }

    Route route() {
        return route;
    }

    /** A target skipped without sending. */
    void skipped(TargetUnavailable skipped) {
        if (fallbacks == null) {
            fallbacks = new ArrayList<>(route.targets().size());
        }
        fallbacks.add(skipped);
    }

    /** A target that failed, sent or not; its failure is kept for the caller should none answer. */
    void failed(TargetUnavailable failed, Throwable failure) {
        skipped(failed);
        if (failures == null) {
            failures = new ArrayList<>(route.targets().size());
        }
        failures.add(failure);
    }

    /** The targets passed over so far. */
    List<TargetUnavailable> fallbacks() {
        return fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /**
     * What each response of {@code target} says of the route: that hub answered, for this route, after
     * the targets passed over so far (which is all of them, since the request goes no further once a
     * target answers).
     */
    Map<String, Object> metadataFor(RouteTarget target) {
        return Map.of(
                MetadataKeys.HUB, target.hub(),
                MetadataKeys.ROUTE, route.name(),
                MetadataKeys.FALLBACKS, fallbacks());
    }

    /** Tells the listeners of each target passed over on the way to {@code target}. */
    void answeredBy(RouteTarget target, RouteEvents events) {
        if (fallbacks != null) {
            fallbacks.forEach(from -> events.fellBack(route.name(), from, target));
        }
    }

    /** The failure of a request that no target answered, told to the listeners first. */
    AifoRouteUnavailableException noneAnswered(RouteEvents events, Instant now) {
        List<TargetUnavailable> all = fallbacks();
        all.forEach(from -> events.fellBack(route.name(), from, null));
        AifoRouteUnavailableException unavailable =
                new AifoRouteUnavailableException(route.name(), all, availableAgainAt(all, now), lastHubError());
        if (failures != null) {
            failures.forEach(unavailable::addSuppressed);
        }
        return unavailable;
    }

    // A target that failed without cooling down may answer the very next request.
    private static @Nullable Instant availableAgainAt(List<TargetUnavailable> targets, Instant now) {
        Instant earliest = null;
        for (TargetUnavailable target : targets) {
            if (target.reason() == TargetUnavailable.Reason.UNSUPPORTED) {
                continue;
            }
            Instant back = target.until() != null ? target.until() : now;
            if (earliest == null || back.isBefore(earliest)) {
                earliest = back;
            }
        }
        return earliest;
    }

    private HubError lastHubError() {
        if (failures != null) {
            for (int i = failures.size() - 1; i >= 0; i--) {
                if (failures.get(i) instanceof AifoException hubFailure && hubFailure.getStatusCode() != 0) {
                    return hubFailure.getHubError();
                }
            }
        }
        return HubError.of(0, null);
    }
}
