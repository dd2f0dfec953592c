package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request the simulator received, with the API key replaced by {@code [redacted]} in the headers
 * and in the body.
 *
 * @param path the path as sent, with a named hub's {@code /hubs/<name>} prefix
 * @param headers the request headers, first value each, names in lower case
 * @since 0.1.0
 */
public record RecordedRequest(
        Instant receivedAt, String method, String path, Map<String, String> headers, String body) {

    /** {@code bytes} is the body as received, {@code request} the same parsed (null when it is not JSON). */
    static RecordedRequest redacted(
            HttpExchange exchange, byte[] bytes, @Nullable JsonNode request, Instant receivedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            headers.put(lower, lower.equals("authorization") ? "Bearer [redacted]" : String.join(",", values));
        });
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (request != null && request.hasNonNull("api_key")) {
            String key = request.get("api_key").asString("");
            if (!key.isEmpty()) {
                body = body.replace(key, "[redacted]");
            }
        }
        return new RecordedRequest(
                receivedAt,
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headers,
                body);
    }
}
