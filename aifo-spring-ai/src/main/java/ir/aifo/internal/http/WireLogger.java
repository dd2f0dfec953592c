package ir.aifo.internal.http;

import ir.aifo.internal.sse.SseEvent;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs what crosses the wire to a hub (logger {@code ir.aifo.wire}, level INFO), when asked to, with
 * every credential masked: the {@code Authorization} and API-key headers, MyAIHub's {@code api_key}
 * body field, and the key itself wherever a reply echoes it.
 *
 * @since 0.1.0
 */
public final class WireLogger {

    /** Logs nothing. */
    public static final WireLogger OFF = new WireLogger(false, false);

    static final String MASK = SecretRedactor.MASK;

    private static final Log logger = LogFactory.getLog("ir.aifo.wire");

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "api-key", "x-api-key");

    private static final Pattern API_KEY_FIELD = Pattern.compile("(\"api_key\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");

    private final boolean requests;

    private final boolean responses;

    /**
     * @param requests whether requests are logged (method, URL, headers, body)
     * @param responses whether replies are logged (status, body, or each event of a stream)
     */
    public WireLogger(boolean requests, boolean responses) {
        this.requests = requests;
        this.responses = responses;
    }

    boolean logsResponses() {
        return responses && logger.isInfoEnabled();
    }

    void request(String url, HubRequest request, Map<String, String> defaultHeaders) {
        if (!requests || !logger.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder("--> POST ").append(url);
        defaultHeaders.forEach((name, value) -> appendHeader(line, name, value));
        request.headers().forEach((name, value) -> appendHeader(line, name, value));
        line.append('\n').append(mask(new String(request.body(), StandardCharsets.UTF_8), secretsOf(request)));
        logger.info(line);
    }

    void reply(String url, HubRequest request, int status, HttpHeaders headers, byte[] body) {
        if (logsResponses()) {
            logger.info("<-- " + status + " " + url + " "
                    + headers.firstValue("content-type").orElse("") + "\n"
                    + mask(new String(body, StandardCharsets.UTF_8), secretsOf(request)));
        }
    }

    /** Logs one event of a stream; {@code secrets} come from {@link #secretsOf}, once per stream. */
    void event(String url, List<String> secrets, SseEvent event) {
        if (logsResponses()) {
            logger.info("<-- event " + url + (event.event() == null ? "" : " " + event.event()) + ": "
                    + mask(event.data(), secrets));
        }
    }

    private static void appendHeader(StringBuilder line, String name, String value) {
        line.append('\n').append(name).append(": ");
        line.append(SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : value);
    }

    // The secrets are read from the request itself, so this class needs no key of its own.
    static List<String> secretsOf(HubRequest request) {
        List<String> secrets = new ArrayList<>(2);
        request.headers().forEach((name, value) -> {
            if (SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                secrets.add(value.startsWith("Bearer ") ? value.substring("Bearer ".length()) : value);
            }
        });
        Matcher field = API_KEY_FIELD.matcher(new String(request.body(), StandardCharsets.UTF_8));
        if (field.find()) {
            secrets.add(field.group(2));
        }
        return secrets;
    }

    static String mask(String text, List<String> secrets) {
        String masked = API_KEY_FIELD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        for (String secret : secrets) {
            masked = new SecretRedactor(secret).redact(masked);
        }
        return masked;
    }
}
