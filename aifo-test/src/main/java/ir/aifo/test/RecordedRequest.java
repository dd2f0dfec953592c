package ir.aifo.test;

import java.time.Instant;
import java.util.Map;

/**
 * A request the simulator received, with the API key replaced by {@code [redacted]} in the headers
 * and in the body.
 *
 * @param headers the request headers, first value each, names in lower case
 * @since 0.1.0
 */
public record RecordedRequest(
        Instant receivedAt, String method, String path, Map<String, String> headers, String body) {}
