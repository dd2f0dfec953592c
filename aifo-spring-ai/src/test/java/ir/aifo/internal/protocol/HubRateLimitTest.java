package ir.aifo.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubRateLimitTest {

    @ParameterizedTest
    @CsvSource({
        "1s, PT1S",
        "6m0s, PT6M",
        "20ms, PT0.02S",
        "1h2m3.5s, PT1H2M3.5S",
        "250us, PT0.00025S",
        "12, PT12S",
        "0.5, PT0.5S",
        "soon, PT0S",
        "5x, PT0S",
        "m, PT0S"
    })
    void readsGoStyleResetDurationsAndTreatsNonsenseAsZero(String header, Duration expected) {
        HttpHeaders headers = headers(Map.of("x-ratelimit-reset-requests", header));

        assertThat(HubRateLimit.fromHeaders(headers).orElseThrow().getRequestsReset())
                .isEqualTo(expected);
    }

    @Test
    void noRateLimitHeadersMeansNoRateLimit() {
        assertThat(HubRateLimit.fromHeaders(headers(Map.of("content-type", "application/json"))))
                .isEmpty();
    }

    @Test
    void missingOrMalformedCountsReadAsZero() {
        HubRateLimit limit = HubRateLimit.fromHeaders(
                        headers(Map.of("x-ratelimit-limit-requests", "many", "x-ratelimit-remaining-tokens", "1500.0")))
                .orElseThrow();

        assertThat(limit.getRequestsLimit()).isZero();
        assertThat(limit.getRequestsRemaining()).isZero();
        assertThat(limit.getTokensRemaining()).isEqualTo(1500L);
        assertThat(limit.getTokensReset()).isEqualTo(Duration.ZERO);
    }

    @Test
    void quotaEndsEachWindowAtTheTimeTheReplyWasObservedPlusItsReset() {
        Instant observedAt = Instant.parse("2026-03-01T10:00:00Z");
        HubRateLimit limit = new HubRateLimit(500, 499, Duration.ofMinutes(6), 30000, 29983, Duration.ofMillis(20));

        HubQuota quota = limit.toQuota(observedAt);

        assertThat(quota.breakdown())
                .containsExactly(
                        entry(HubQuota.REQUESTS, new QuotaBucket(1, 500, 499, observedAt.plusSeconds(360))),
                        entry(HubQuota.TOKENS, new QuotaBucket(17, 30000, 29983, observedAt.plusMillis(20))));
        assertThat(quota.total()).isEqualTo(new QuotaBucket(1, 500, 499));
        assertThat(quota.observedAt()).isEqualTo(observedAt);
        assertThat(quota.plan()).isNull();
        assertThat(quota.period()).isNull();
    }

    @Test
    void quotaLeavesOutAWindowTheHubSaidNothingOfAndAResetItDidNotGive() {
        Instant observedAt = Instant.parse("2026-03-01T10:00:00Z");
        HubRateLimit requestsOnly = new HubRateLimit(500, 12, Duration.ZERO, 0, 0, Duration.ZERO);

        HubQuota quota = requestsOnly.toQuota(observedAt);

        assertThat(quota.breakdown()).containsExactly(entry(HubQuota.REQUESTS, new QuotaBucket(488, 500, 12)));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        values.forEach((name, value) -> map.put(name, List.of(value)));
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
