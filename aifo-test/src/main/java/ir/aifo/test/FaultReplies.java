package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * How a dialect answers the queued faults. Only the bodies are the dialect's own; the statuses, the
 * {@code Retry-After} header, the proxy's HTML page and the wait before a slow first byte are the same
 * for every hub, so they are written here once.
 *
 * @param rateLimited the JSON body of a 429
 * @param serverError the JSON body of a 500
 * @param garbageType the content type sent with {@code garbage}
 * @param garbage a body with status 200 that is not JSON
 * @param cut a reply to send half of (cut or dropped), or {@code null} when the dialect cuts or drops
 *     its normal reply itself
 */
record FaultReplies(
        String rateLimited,
        String serverError,
        String garbageType,
        String garbage,
        @Nullable String cut) {

    /**
     * Answers with {@code fault}; false when the dialect's normal reply is still to be sent (after a
     * slow first byte, or to be cut or dropped by the dialect).
     */
    boolean answerWith(HttpExchange exchange, SimulatedFault fault) throws IOException {
        switch (fault.kind()) {
            case RATE_LIMITED -> {
                exchange.getResponseHeaders()
                        .set("Retry-After", Long.toString(fault.duration().toSeconds()));
                Replies.json(exchange, 429, rateLimited);
            }
            case SERVER_ERROR -> Replies.json(exchange, 500, serverError);
            case HTML_ERROR_PAGE -> Replies.send(exchange, 502, "text/html", Replies.HTML_ERROR_PAGE);
            case GARBAGE -> Replies.send(exchange, 200, garbageType, garbage);
            case STREAM_CUT -> {
                if (cut == null) {
                    return false;
                }
                Replies.cutBody(exchange, cut);
            }
            case CONNECTION_DROPPED -> {
                if (cut == null) {
                    return false;
                }
                Replies.dropBody(exchange, cut);
            }
            case SLOW_FIRST_BYTE -> {
                Replies.pause(fault.duration());
                return false;
            }
        }
        return true;
    }
}
