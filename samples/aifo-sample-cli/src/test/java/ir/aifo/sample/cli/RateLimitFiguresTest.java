package ir.aifo.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.metadata.EmptyRateLimit;
import org.springframework.ai.chat.metadata.RateLimit;

class RateLimitFiguresTest {

    @Test
    void resetTimesReadAsPeopleWriteThem() {
        assertThat(RateLimitFigures.human(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(RateLimitFigures.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(RateLimitFigures.human(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(RateLimitFigures.human(Duration.ofSeconds(6 * 60 + 5))).isEqualTo("6m 5s");
        assertThat(RateLimitFigures.human(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(RateLimitFigures.human(Duration.ofHours(76))).isEqualTo("3d 4h");
    }

    @Test
    void windowsLeaveOutWhatTheHubDidNotReport() {
        RateLimit requestsOnly = new RequestsOnly(500, 12);

        assertThat(RateLimitFigures.reported(requestsOnly)).isTrue();
        assertThat(RateLimitFigures.windows(requestsOnly)).containsExactly("requests 12/500 left");
        assertThat(RateLimitFigures.reported(new EmptyRateLimit())).isFalse();
        assertThat(RateLimitFigures.reported(null)).isFalse();
    }

    /** A hub that reports its request window and nothing else. */
    private record RequestsOnly(long limit, long remaining) implements RateLimit {

        @Override
        public Long getRequestsLimit() {
            return limit;
        }

        @Override
        public Long getRequestsRemaining() {
            return remaining;
        }

        @Override
        public Duration getRequestsReset() {
            return Duration.ZERO;
        }

        @Override
        public Long getTokensLimit() {
            return 0L;
        }

        @Override
        public Long getTokensRemaining() {
            return 0L;
        }

        @Override
        public Duration getTokensReset() {
            return Duration.ZERO;
        }
    }
}
