package ir.aifo.fuzz;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reply headers a faulty hub or proxy could send: rate-limit figures that are not numbers or do not
 * fit a long, reset durations that overflow, {@code Retry-After} values of every shape, odd content types.
 */
public final class HostileHeaders {

    private static final List<String> NAMES = List.of(
            "x-ratelimit-limit-requests",
            "x-ratelimit-remaining-requests",
            "x-ratelimit-reset-requests",
            "x-ratelimit-limit-tokens",
            "x-ratelimit-remaining-tokens",
            "x-ratelimit-reset-tokens",
            "retry-after",
            "content-type");

    private static final List<String> VALUES = List.of(
            "60",
            "0",
            "-1",
            "",
            " ",
            "99999999999999999999",
            "-9223372036854775808",
            "9223372036854775807",
            "1e400",
            "NaN",
            "Infinity",
            "-Infinity",
            "1.5",
            "1h2m3.5s",
            "6m0s",
            "20ms",
            "9999999999999999h",
            "1.5.5s",
            "s",
            "5x",
            "١٢٣",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 32 Foo 2025 99:99:99 GMT",
            "application/json",
            "application/json; charset=utf-8",
            "text/html; charset=iso-8859-1",
            "text/event-stream",
            ";;;",
            "سلام");

    private HostileHeaders() {}

    /** A random selection of those headers, each with a random value (sensible or not). */
    public static HttpHeaders any(SplittableRandom random) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = random.nextInt(NAMES.size() + 1);
        for (int i = 0; i < count; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            headers.put(name, List.of(VALUES.get(random.nextInt(VALUES.size()))));
        }
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    /** A JSON reply's usual headers. */
    public static HttpHeaders json() {
        return HttpHeaders.of(Map.of("content-type", List.of("application/json")), (name, value) -> true);
    }
}
