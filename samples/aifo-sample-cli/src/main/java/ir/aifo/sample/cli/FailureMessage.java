package ir.aifo.sample.cli;

import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.routing.AifoRouteUnavailableException;
import ir.aifo.routing.TargetUnavailable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.StringUtils;

/**
 * A failure as one readable line, such as {@code Error: No target of route 'smart' could answer:
 * myaihub:openai/gpt-5-mini: quota spent (...); aifo:openai/gpt-5-mini: key refused (401: Incorrect API key
 * provided.) ... Check AIFO_API_KEY.}
 *
 * <p>The hub's exceptions already say what happened in the hub's own words (and never contain the
 * key); a hint is added where the fix is on the user's side.
 */
final class FailureMessage {

    private FailureMessage() {}

    static String of(Throwable failure) {
        Throwable cause = explaining(failure);
        String message = cause.getMessage();
        if (!StringUtils.hasText(message)) {
            message = cause.getClass().getSimpleName();
        }
        // An HTML error page or a multi-line hub message must not break the one-line promise.
        String line = "Error: " + message.strip().replaceAll("\\s*\\R\\s*", " ");
        String hint = hint(cause);
        if (hint.isEmpty()) {
            return line;
        }
        return line + (line.endsWith(".") ? " " : ". ") + hint;
    }

    /** The hub's exception if there is one in the chain, otherwise the most specific cause. */
    private static Throwable explaining(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AifoException) {
                return cause;
            }
        }
        return NestedExceptionUtils.getMostSpecificCause(failure);
    }

    private static String hint(Throwable cause) {
        if (cause instanceof AifoRouteUnavailableException unavailable) {
            return hints(unavailable);
        }
        if (cause instanceof AifoAuthenticationException) {
            return "Check the hub's API key.";
        }
        if (cause instanceof AifoConnectionException) {
            return "Check the hub's address and the network.";
        }
        return "";
    }

    // Every target's failure is in the message already; the hints name what to set.
    private static String hints(AifoRouteUnavailableException unavailable) {
        Set<String> hints = new LinkedHashSet<>();
        for (TargetUnavailable target : unavailable.getTargets()) {
            if (target.reason() == TargetUnavailable.Reason.KEY_REFUSED) {
                hints.add("Check " + Hubs.keyVariable(target.target().hub()) + ".");
            }
        }
        if (Arrays.stream(unavailable.getSuppressed()).anyMatch(AifoConnectionException.class::isInstance)) {
            hints.add("Check the hubs' addresses (spring.ai.aifo.hubs.<hub>.base-url) and the network.");
        }
        return String.join(" ", hints);
    }
}
