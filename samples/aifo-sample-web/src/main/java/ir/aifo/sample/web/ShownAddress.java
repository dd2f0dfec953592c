package ir.aifo.sample.web;

import java.net.URI;

/**
 * A hub's base URL as the page may show it: scheme, host, port and path, without the user-info,
 * query or fragment where a proxy's credentials could hide.
 */
final class ShownAddress {

    private ShownAddress() {}

    static String of(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "the configured address";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (IllegalArgumentException notAUri) {
            return "the configured address";
        }
    }
}
