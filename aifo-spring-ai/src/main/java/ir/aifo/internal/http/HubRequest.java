package ir.aifo.internal.http;

import java.util.Map;

/**
 * One request to a hub: the path below the base URL, the JSON body and the headers that belong to
 * this dialect (such as {@code Authorization}).
 *
 * <p>{@link #toString()} names the header keys and the body size only: both may hold the API key.
 *
 * @since 0.1.0
 */
public record HubRequest(String path, byte[] body, Map<String, String> headers) {

    public HubRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "HubRequest[path=" + path + ", body=" + body.length + " bytes, headers=" + headers.keySet() + "]";
    }
}
