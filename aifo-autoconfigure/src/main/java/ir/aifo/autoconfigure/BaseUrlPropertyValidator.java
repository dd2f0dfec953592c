package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoConnection;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code spring.ai.aifo.base-url}, or a named hub's, at start-up: the library's own rules for a
 * base URL (an absolute http or https address with a path at most), reported under the property's name,
 * and the starter's rule that the key crosses the network only encrypted, unless the hub is this machine
 * or plain http is allowed. Messages never show user info, whose password would otherwise end up in the
 * start-up report.
 */
final class BaseUrlPropertyValidator {

    // A literal address in 127.0.0.0/8; a mere "127." prefix would let a name such as 127.corp.example pass.
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

    private BaseUrlPropertyValidator() {}

    /** The base URL without whitespace around it; a refusal names the properties as {@code names} does. */
    static String validated(@Nullable String baseUrl, boolean allowInsecureHttp, PropertyNames names) {
        // The connection's builder holds the rules; they are stated once, there.
        names.reportedAsProperties(() -> AifoConnection.builder().baseUrl(baseUrl));
        String text = baseUrl.strip();
        URI uri = URI.create(text);
        if (uri.getScheme().equalsIgnoreCase("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(names.of("base-url") + " '" + text + "' uses plain http to another"
                    + " machine, so the API key would cross the network unencrypted: use https, or set "
                    + names.of("allow-insecure-http") + "=true if that is really intended");
        }
        return text;
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
