package ir.aifo.sample.cli;

import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.StringUtils;

/**
 * A failure as one readable line, such as {@code Error: The hub rejected the API key (HTTP 401, code
 * invalid_api_key): Incorrect API key provided. Check AIFO_API_KEY.}
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
        if (cause instanceof AifoAuthenticationException) {
            return "Check AIFO_API_KEY.";
        }
        if (cause instanceof AifoConnectionException) {
            return "Check AIFO_BASE_URL and the network.";
        }
        return "";
    }
}
