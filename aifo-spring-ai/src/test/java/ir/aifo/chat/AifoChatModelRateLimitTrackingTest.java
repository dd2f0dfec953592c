package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A rate-limit refusal (HTTP 429) from an OpenAI-compatible hub is news of the key's quota: no
 * requests left until the window resets or the {@code Retry-After} passes, whichever is later.
 */
class AifoChatModelRateLimitTrackingTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The retry's warning, kept out of the build's output.
    @RegisterExtension
    final LogCapture retryLogs = LogCapture.of(HubRetry.class);

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final QuotaTracker tracker = QuotaTracker.inMemory();

    private final List<HubQuota> updates = new CopyOnWriteArrayList<>();

    private AifoChatModel model(int retries) {
        return HubStub.model(hub)
                .retryTemplate(HubStub.fastRetry(retries))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .quotaTracker(tracker)
                .quotaListener((fingerprint, quota) -> updates.add(quota))
                .build();
    }

    /** A reply with 3 of 10 requests left in a window of a minute, and 900 of 1000 tokens for a second. */
    private static ResponseDefinitionBuilder answered() {
        return HubStub.json(200, HubStub.completion("hi"))
                .withHeader("x-ratelimit-limit-requests", "10")
                .withHeader("x-ratelimit-remaining-requests", "3")
                .withHeader("x-ratelimit-reset-requests", "1m0s")
                .withHeader("x-ratelimit-limit-tokens", "1000")
                .withHeader("x-ratelimit-remaining-tokens", "900")
                .withHeader("x-ratelimit-reset-tokens", "1s");
    }

    private static ResponseDefinitionBuilder refused(String retryAfter) {
        return HubStub.json(
                        429,
                        HubStub.openAiError("Rate limit reached for requests", "requests", "rate_limit_exceeded", null))
                .withHeader("Retry-After", retryAfter);
    }

    /** Answers the requests with the given replies in turn, the last one for good. */
    private static void answer(ResponseDefinitionBuilder... replies) {
        String state = STARTED;
        for (int i = 0; i < replies.length; i++) {
            String next = i == replies.length - 1 ? state : "reply " + (i + 1);
            hub.stubFor(post(urlEqualTo(HubStub.PATH))
                    .inScenario("replies")
                    .whenScenarioStateIs(state)
                    .willReturn(replies[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void refusalIsRecordedAsNoRequestsLeftUntilTheLaterOfItsResetAndRetryAfter() {
        answer(
                answered(),
                refused("30")
                        .withHeader("x-ratelimit-limit-requests", "10")
                        .withHeader("x-ratelimit-remaining-requests", "0")
                        .withHeader("x-ratelimit-reset-requests", "20s"));
        AifoChatModel model = model(0);

        model.call(new Prompt("hi"));
        Throwable failure = catchThrowable(() -> model.call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoRateLimitException.class);
        AifoRateLimitException refusal = (AifoRateLimitException) failure;
        assertThat(refusal.getRetryAfter()).contains(Duration.ofSeconds(30));
        assertThat(refusal.getQuota())
                .contains(new HubQuota(
                        null,
                        null,
                        10,
                        10,
                        0,
                        Map.of(HubQuota.REQUESTS, new QuotaBucket(10, 10, 0, NOW.plusSeconds(30))),
                        NOW));
        HubQuota known = tracker.lastKnown(model.getKeyFingerprint()).orElseThrow();
        assertThat(known.breakdown())
                .containsExactly(
                        entry(HubQuota.REQUESTS, new QuotaBucket(10, 10, 0, NOW.plusSeconds(30))),
                        entry(HubQuota.TOKENS, new QuotaBucket(100, 1000, 900, NOW.plusSeconds(1))));
        assertThat(known.total()).isEqualTo(new QuotaBucket(10, 10, 0));
        assertThat(updates).hasSize(2).last().isEqualTo(known);
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void refusalWithoutRateLimitHeadersKeepsTheWindowsLimit() {
        answer(answered(), refused("7"));
        AifoChatModel model = model(0);

        model.call(new Prompt("hi"));
        AifoRateLimitException refusal = (AifoRateLimitException) catchThrowable(() -> model.call(new Prompt("hi")));

        assertThat(refusal.getQuota().orElseThrow().breakdown())
                .containsExactly(entry(HubQuota.REQUESTS, new QuotaBucket(0, 0, 0, NOW.plusSeconds(7))));
        assertThat(tracker.lastKnown(model.getKeyFingerprint()).orElseThrow().bucket(HubQuota.REQUESTS))
                .contains(new QuotaBucket(10, 10, 0, NOW.plusSeconds(7)));
    }

    @Test
    void refusedStreamIsRecordedToo() {
        answer(refused("5")
                .withHeader("x-ratelimit-limit-requests", "10")
                .withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "2s"));
        AifoChatModel model = model(0);

        Throwable failure = catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));

        assertThat(failure).isInstanceOf(AifoRateLimitException.class);
        assertThat(tracker.lastKnown(model.getKeyFingerprint()).orElseThrow().bucket(HubQuota.REQUESTS))
                .contains(new QuotaBucket(10, 10, 0, NOW.plusSeconds(5)));
        assertThat(updates).hasSize(1);
    }

    @Test
    void refusalThatIsRetriedIsRecordedBeforeTheRetry() {
        answer(
                refused("0")
                        .withHeader("x-ratelimit-limit-requests", "10")
                        .withHeader("x-ratelimit-remaining-requests", "0"),
                answered());
        AifoChatModel model = model(1);

        assertThat(model.call(new Prompt("hi")).getResult().getOutput().getText())
                .isEqualTo("hi");

        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(10, 10, 0));
        assertThat(HubStub.requests(hub)).hasSize(2);
        assertThat(retryLogs.messages(ch.qos.logback.classic.Level.WARN)).hasSize(1);
    }
}
