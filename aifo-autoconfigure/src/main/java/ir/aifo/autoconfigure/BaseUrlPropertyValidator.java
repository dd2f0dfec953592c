package ir.aifo.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code spring.ai.aifo.base-url} at start-up: an absolute http or https address with a path at
 * most, and https unless the hub is this machine or plain http is allowed. Messages name the property
 * and never show user info, whose password would otherwise end up in the start-up report.
 */
final class BaseUrlPropertyValidator {

    private static final String PROPERTY = AifoConnectionProperties.PREFIX + ".base-url";

    // A literal address in 127.0.0.0/8; a mere "127." prefix would let a name such as 127.corp.example pass.
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

    private BaseUrlPropertyValidator() {}

    /** The base URL without whitespace around it. */
    static String validated(@Nullable String baseUrl, boolean allowInsecureHttp) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(PROPERTY + " must not be empty");
        }
        String text = baseUrl.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            // The reason only: the exception's own message quotes the whole URL, password and all.
            throw new IllegalArgumentException(
                    PROPERTY + " '" + shown(text) + "' is not a valid URL: " + malformed.getReason());
        }
        // A password holding '/' leaves the URI without a host, so an '@' there counts as user info too.
        if (uri.getRawUserInfo() != null || (uri.getHost() == null && text.indexOf('@') >= 0)) {
            throw new IllegalArgumentException(PROPERTY + " '" + shown(text) + "' must not have user info (a name or"
                    + " password before '@'): the hub is authenticated with spring.ai.aifo.api-key");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(PROPERTY + " '" + shown(text)
                    + "' must be an absolute http or https URL such as https://api.haftominhonar.ir");
        }
        // The chat path is appended to the base URL as text, so it would land after a query or fragment.
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException(PROPERTY + " '" + shown(text)
                    + "' must not have a query (the part from '?'): the chat path would follow it");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(PROPERTY + " '" + shown(text)
                    + "' must not have a fragment (the part from '#'): the chat path would follow it");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(PROPERTY + " '" + text + "' uses plain http to another"
                    + " machine, so the API key would cross the network unencrypted: use https, or set"
                    + " spring.ai.aifo.allow-insecure-http=true if that is really intended");
        }
        return text;
    }

    // Up to the last '@', since a password may itself hold '/', '?' or '#'; then up to any query or fragment.
    private static String shown(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.lastIndexOf('@');
        String withoutUserInfo = at >= start ? url.substring(0, start) + url.substring(at + 1) : url;
        int end = withoutUserInfo.length();
        for (char cut : new char[] {'?', '#'}) {
            int index = withoutUserInfo.indexOf(cut, start);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        return withoutUserInfo.substring(0, end);
    }

    // Decided by name and literal address only: resolving the host here would be start-up I/O.
    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost")
                || name.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(name).matches()
                || name.equals("[::1]")
                || name.equals("::1");
    }
}
