package ir.aifo.sample.web;

import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.routing.AifoRouteUnavailableException;
import ir.aifo.routing.TargetUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error} event for a route that no hub could answer: each hub's reason, when the first is
 * expected back, what to check; and, from the hubs that were sent the message, the first hub's own
 * words and the quota it reported.
 */
final class RouteFailure {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private RouteFailure() {}

    static ChatFailure of(AifoRouteUnavailableException unavailable, Clock clock) {
        StringBuilder message = new StringBuilder("No hub on the route ")
                .append(unavailable.getRoute())
                .append(" could answer: ")
                .append(String.join(
                        ", ",
                        unavailable.getTargets().stream()
                                .map(RouteFailure::reason)
                                .toList()))
                .append('.');
        unavailable.getAvailableAgainAt().ifPresent(back -> message.append(' ').append(whenBack(back, clock)));
        for (String hint : hints(unavailable)) {
            message.append(' ').append(hint);
        }
        return new ChatFailure(
                "unavailable",
                message.toString(),
                hubWords(unavailable),
                unavailable.getHubError().status(),
                quota(unavailable));
    }

    // Only the hub's name: a route has one target per hub unless it asks a hub for two models.
    private static String reason(TargetUnavailable target) {
        return target.target().hub() + " " + target.reason().description() + (target.sent() ? "" : " (not sent)");
    }

    private static String whenBack(Instant back, Clock clock) {
        Duration wait = Duration.between(clock.instant(), back);
        // A target that failed without cooling down may be tried at once: it is back "now", already past.
        if (wait.isNegative() || wait.isZero()) {
            return "Try again in a moment.";
        }
        if (wait.toMinutes() < 2) {
            return "Try again in " + ChatFailure.seconds(wait) + ".";
        }
        return "Try again after " + MINUTE.format(back) + ".";
    }

    private static Set<String> hints(AifoRouteUnavailableException unavailable) {
        Set<String> hints = new LinkedHashSet<>();
        for (TargetUnavailable target : unavailable.getTargets()) {
            if (target.reason() == TargetUnavailable.Reason.KEY_REFUSED) {
                hints.add("Check " + Hubs.keyVariable(target.target().hub()) + ".");
            }
        }
        if (Arrays.stream(unavailable.getSuppressed()).anyMatch(AifoConnectionException.class::isInstance)) {
            hints.add("Check the hubs' addresses and the network.");
        }
        return hints;
    }

    // The failures of the targets that were sent the message are attached to it, in order. A server
    // error's text may be a proxy's HTML page, so it is not shown, as for a single hub's.
    private static @Nullable String hubWords(AifoRouteUnavailableException unavailable) {
        for (Throwable failure : unavailable.getSuppressed()) {
            if (failure instanceof AifoException hubFailure && !(failure instanceof AifoServerException)) {
                String words = ChatFailure.hubMessage(hubFailure);
                if (words != null) {
                    return words;
                }
            }
        }
        return null;
    }

    private static @Nullable QuotaView quota(AifoRouteUnavailableException unavailable) {
        for (Throwable failure : unavailable.getSuppressed()) {
            if (failure instanceof AifoQuotaExceededException spent
                    && spent.getQuota().isPresent()) {
                return QuotaView.of(spent.getQuota().get());
            }
        }
        return null;
    }
}
