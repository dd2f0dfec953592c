package ir.aifo.routing;

import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.HubError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;

/**
 * No target of a route could answer: each was skipped or failed, for the reasons listed. The failures
 * of the targets that were sent the request are attached as suppressed exceptions, in order.
 *
 * <p>Not transient: retrying at once meets the same cool-downs and spent quotas. {@link
 * #getAvailableAgainAt()} says when a target is expected back.
 *
 * @since 0.1.0
 */
public class AifoRouteUnavailableException extends NonTransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final String route;

    private final List<TargetUnavailable> targets;

    private final @Nullable Instant availableAgainAt;

    private final HubError hubError;

    public AifoRouteUnavailableException(
            String route, List<TargetUnavailable> targets, @Nullable Instant availableAgainAt, HubError hubError) {
        super(message(route, targets, availableAgainAt));
        this.route = route;
        this.targets = List.copyOf(targets);
        this.availableAgainAt = availableAgainAt;
        this.hubError = hubError;
    }

    /** The route asked for. */
    public String getRoute() {
        return route;
    }

    /** Each target of the route, in order, and why it did not answer. */
    public List<TargetUnavailable> getTargets() {
        return targets;
    }

    /**
     * The earliest moment a target is expected to answer again: the end of the first cool-down, or now
     * when a target failed without cooling down; empty when no target can ever carry this request.
     */
    public Optional<Instant> getAvailableAgainAt() {
        return Optional.ofNullable(availableAgainAt);
    }

    /** The last hub's account of its failure; status 0 when no target was sent the request. */
    @Override
    public HubError getHubError() {
        return hubError;
    }

    private static String message(String route, List<TargetUnavailable> targets, @Nullable Instant availableAgainAt) {
        StringBuilder message =
                new StringBuilder("No target of route '").append(route).append("' could answer: ");
        for (int i = 0; i < targets.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(targets.get(i));
        }
        if (availableAgainAt != null) {
            message.append(". The earliest back: ").append(availableAgainAt);
        }
        return message.toString();
    }
}
