package ir.aifo.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks a hub's base URL: an absolute http or https address, with a path at most. The chat path is
 * appended to it as text, so a query or fragment would end up in the middle of every request's URL,
 * and user info would show its password wherever the URL is shown.
 */
final class BaseUrlValidator {

    private BaseUrlValidator() {}

    /** The base URL, whitespace around it removed; refused with a message that never shows user info. */
    static URI validated(@Nullable String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw invalid("must not be empty: give the hub's address, such as https://api.haftominhonar.ir");
        }
        String text = baseUrl.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            // The reason only: the exception's own message quotes the whole URL, password and all.
            throw invalid("'" + shown(text) + "' is not a valid URL: " + malformed.getReason());
        }
        // A password holding '/' leaves the URI without a host, so an '@' there counts as user info too.
        if (uri.getRawUserInfo() != null || (uri.getHost() == null && text.indexOf('@') >= 0)) {
            throw invalid("'" + shown(text) + "' must not have user info (a name or password before '@'): the hub"
                    + " is authenticated with the API key");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw invalid("'" + shown(text) + "' must be an absolute http or https URL such as"
                    + " https://api.haftominhonar.ir");
        }
        if (uri.getRawQuery() != null) {
            throw invalid("'" + shown(text) + "' must not have a query (the part from '?'): the chat path would"
                    + " follow it");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("'" + shown(text) + "' must not have a fragment (the part from '#'): the chat path would"
                    + " follow it");
        }
        return uri;
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

    // The auto-configuration checks its property before the builder does, with messages that name the property.
    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("baseUrl " + problem);
    }
}
