package ir.aifo.internal.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A hub's whole reply: the address it came from, status, headers and body bytes.
 *
 * @param uri the address the request was posted to, so that an error can say what was called
 * @since 0.1.0
 */
public record HubReply(URI uri, int status, HttpHeaders headers, byte[] body) {

    /** The body decoded as UTF-8, which every documented hub uses. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** How long the hub asked to wait before a retry ({@code Retry-After}), if it said. */
    public @Nullable Duration retryAfter(Clock clock) {
        return RetryAfter.parse(headers.firstValue("retry-after").orElse(null), clock);
    }

    /** The media type of the body, lower-cased and without parameters, or {@code ""} when absent. */
    public String contentType() {
        return mediaType(headers);
    }

    static String mediaType(HttpHeaders headers) {
        String value = headers.firstValue("content-type").orElse("");
        int parameters = value.indexOf(';');
        return (parameters < 0 ? value : value.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        // Neither the address (it may hold user info) nor the body (it may echo the key).
        return "HubReply[status=" + status + ", body=" + body.length + " bytes]";
    }
}
