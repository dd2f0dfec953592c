package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The simulator's request window and the tracker's view of it: more concurrent callers than the window
 * allows leave the tracker where the hub stands, whatever order replies and refusals are recorded in.
 */
class RateLimitTrackingTest {

    private static final int WINDOW = 25;

    private static final int CALLERS = 60;

    /** Long enough that the window cannot end while the test runs, however loaded the machine. */
    private static final Duration WINDOW_LENGTH = Duration.ofMinutes(10);

    @RepeatedTest(5)
    void concurrentCallsAndStreamsPastTheWindowLeaveNoRequestsLeftInTheTracker() throws Exception {
        Instant started = Instant.now();
        try (AifoHubSimulator simulator = AifoHubSimulator.start().openAiRequestLimit(WINDOW, WINDOW_LENGTH)) {
            QuotaTracker tracker = QuotaTracker.inMemory();
            AtomicInteger reportsRecorded = new AtomicInteger();
            AifoChatModel model = model(simulator, tracker)
                    .quotaListener((fingerprint, quota) -> reportsRecorded.incrementAndGet())
                    .build();

            List<Object> outcomes = runConcurrently(index -> {
                Prompt prompt = new Prompt("پرسش " + index);
                try {
                    // Half the callers stream, so both ways of reading a refusal are recorded.
                    return index % 2 == 0
                            ? model.call(prompt).getResult().getOutput().getText()
                            : String.join(
                                    "",
                                    model.stream(prompt)
                                            .map(RateLimitTrackingTest::textOf)
                                            .collectList()
                                            .block());
                } catch (AifoRateLimitException refused) {
                    return refused;
                }
            });

            List<AifoRateLimitException> refusals = outcomes.stream()
                    .filter(AifoRateLimitException.class::isInstance)
                    .map(AifoRateLimitException.class::cast)
                    .toList();
            assertThat(outcomes).hasSize(CALLERS);
            for (int i = 0; i < CALLERS; i++) {
                if (!(outcomes.get(i) instanceof AifoRateLimitException)) {
                    assertThat(outcomes.get(i)).isEqualTo("پاسخ شبیه‌ساز به «پرسش " + i + "»");
                }
            }
            assertThat(refusals).hasSize(CALLERS - WINDOW).allSatisfy(refused -> {
                assertThat(refused.getStatusCode()).isEqualTo(429);
                assertThat(refused.getRetryAfter()).isPresent();
                assertThat(refused.getQuota().flatMap(quota -> quota.bucket(HubQuota.REQUESTS)))
                        .hasValueSatisfying(
                                bucket -> assertThat(bucket.remaining()).isZero());
            });
            assertThat(reportsRecorded).as("replies and refusals recorded").hasValue(CALLERS);
            HubQuota known = tracker.lastKnown(model.getKeyFingerprint()).orElseThrow();
            QuotaBucket requests = known.bucket(HubQuota.REQUESTS).orElseThrow();
            assertThat(requests.remaining()).isZero();
            assertThat(requests.limit()).isEqualTo(WINDOW);
            assertThat(requests.used()).isEqualTo(WINDOW);
            assertThat(known.total()).isEqualTo(new QuotaBucket(WINDOW, WINDOW, 0));
            // Spent until the window ends (the refusals' Retry-After rounds up to whole seconds).
            assertThat(requests.resetsAt())
                    .isAfterOrEqualTo(started.plus(WINDOW_LENGTH))
                    .isBeforeOrEqualTo(Instant.now().plus(WINDOW_LENGTH).plusSeconds(1));
        }
    }

    @Test
    void spentWindowIsRefusedAndTrackedUntilItEndsThenCountedAfresh() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        MutableClock clock = new MutableClock(start);
        try (AifoHubSimulator simulator = AifoHubSimulator.start(clock).openAiRequestLimit(2, Duration.ofMinutes(1))) {
            QuotaTracker tracker = QuotaTracker.inMemory();
            AifoChatModel model = model(simulator, tracker).clock(clock).build();

            ChatResponse first = model.call(new Prompt("سلام"));
            model.call(new Prompt("سلام"));
            Throwable refused = catchThrowable(() -> model.call(new Prompt("سلام")));
            HubQuota spent = tracker.lastKnown(model.getKeyFingerprint()).orElseThrow();
            clock.set(start.plusSeconds(61));
            model.call(new Prompt("سلام"));
            HubQuota afresh = tracker.lastKnown(model.getKeyFingerprint()).orElseThrow();

            assertThat(first.getMetadata().getRateLimit().getRequestsRemaining())
                    .isEqualTo(1);
            assertThat(first.getMetadata().getRateLimit().getRequestsReset()).isEqualTo(Duration.ofMinutes(1));
            assertThat(refused).isInstanceOf(AifoRateLimitException.class);
            assertThat(((AifoRateLimitException) refused).getRetryAfter()).contains(Duration.ofSeconds(60));
            assertThat(spent.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(2, 2, 0, start.plusSeconds(60)));
            assertThat(afresh.bucket(HubQuota.REQUESTS)).contains(new QuotaBucket(1, 2, 1, start.plusSeconds(121)));
            assertThat(simulator.journal()).hasSize(4);
        }
    }

    private static AifoChatModel.Builder model(AifoHubSimulator simulator, QuotaTracker tracker) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(simulator.baseUrl())
                        .apiKey(simulator.defaultKey())
                        .readTimeout(Duration.ofSeconds(30))
                        .build())
                .quotaTracker(tracker)
                // No retries: each caller sends exactly one request, so the hub's count is the callers'.
                .retryTemplate(new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(0)
                        .includes(TransientAiException.class)
                        .build()));
    }

    private static String textOf(ChatResponse response) {
        return response.getResult() == null || response.getResult().getOutput().getText() == null
                ? ""
                : response.getResult().getOutput().getText();
    }

    private interface Caller {
        Object outcome(int index) throws Exception;
    }

    private static List<Object> runConcurrently(Caller caller) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int index = i;
                Callable<Object> task = () -> {
                    start.await();
                    return caller.outcome(index);
                };
                futures.add(callers.submit(task));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            callers.shutdownNow();
        }
    }
}
