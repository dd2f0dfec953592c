package ir.aifo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code Retry-After} values that the fuzz tests found to overflow {@code Duration.toMillis()} once
 * read: the wait is capped at the longest a {@code Duration} converts to nanoseconds.
 */
class RetryAfterFuzzRegressionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-12-20T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsBeyondAnyDurationAreCapped() {
        Duration wait = RetryAfter.parse("9223372036854775807", clock);

        assertThat(wait).isEqualTo(RetryAfter.LONGEST);
        assertThat(wait.toNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aDateCenturiesAheadIsCapped() {
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", clock)).isEqualTo(RetryAfter.LONGEST);
    }

    @Test
    void ordinaryValuesAreUnchanged() {
        assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Sat, 20 Dec 2025 10:01:00 GMT", clock)).isEqualTo(Duration.ofMinutes(1));
    }
}
