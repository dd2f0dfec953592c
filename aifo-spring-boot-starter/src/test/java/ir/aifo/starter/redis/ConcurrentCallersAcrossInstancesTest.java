package ir.aifo.starter.redis;

import static ir.aifo.starter.redis.Instance.fallbacksOf;
import static ir.aifo.starter.redis.Instance.hubOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.redis.RedisQuotaStore;
import ir.aifo.quota.redis.testing.RedisServer;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.testing.LogCapture;
import ir.aifo.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Two instances, a hundred callers each, against a MyAIHub key with 150 OpenRouter requests left this
 * month, on a route that falls back to AiFO.
 *
 * <p>The bound proved: MyAIHub receives at most 150 requests plus {@code F}, the requests sent to it
 * that were still unanswered when the first answer reporting the bucket spent reached an instance, or
 * that an instance sent before it heard of that answer through Redis. It follows from what is
 * checked: no call that begins after its instance knows the bucket is spent sends to MyAIHub, so every
 * request past the 150th was sent by a call that began before its instance knew, and ended after the
 * first answer reporting the bucket spent.
 */
class ConcurrentCallersAcrossInstancesTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final int LEFT = 150;

    private static final int CALLERS = 100;

    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class, RedisQuotaStore.class, "ir.aifo.chat")
            .at(Level.INFO);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    private final AifoHubSimulator simulator = AifoHubSimulator.start(clock);

    private final Instances instances = new Instances(redis, simulator, clock);

    @AfterEach
    void stop() {
        instances.close();
        simulator.close();
    }

    /**
     * One routed call: when it began and ended (nanoTime), whether its instance knew the bucket spent
     * as it began, and what it did with MyAIHub.
     */
    record Call(
            String instance,
            long began,
            long ended,
            boolean knewSpent,
            boolean sentToMyAiHub,
            boolean answeredByMyAiHub,
            boolean sawSpent) {}

    @Test
    void theHubSeesAtMost150PlusTheRequestsInFlightAndNoInstanceSendsOnceItKnows() throws Exception {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openrouter", 750 - LEFT - 1);
        Instance a = instances.start("a");
        Instance b = instances.start("b");
        // One answer first, so that both instances know how many are left and hold no more than that.
        assertThat(hubOf(a.ask("open"))).isEqualTo("myaihub");
        Instances.await(Duration.ofSeconds(5), () -> remaining(b) == LEFT);
        int before = simulator.hub("myaihub").journal().size();

        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(2 * CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        for (Instance instance : List.of(a, b)) {
            for (int i = 0; i < CALLERS; i++) {
                callers.execute(() -> callUntilMyAiHubIsSkipped(instance, go, calls));
            }
        }
        go.countDown();
        callers.shutdown();
        assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        int received = simulator.hub("myaihub").journal().size() - before;
        long answeredByMyAiHub = calls.stream().filter(Call::answeredByMyAiHub).count();
        long firstSpent = calls.stream()
                .filter(Call::sawSpent)
                .mapToLong(Call::ended)
                .min()
                .orElseThrow();
        long knewA = knewAt("a", calls);
        long knewB = knewAt("b", calls);
        long inFlight = calls.stream()
                .filter(call -> call.sentToMyAiHub() && call.ended() >= firstSpent)
                .filter(call -> call.began() <= Math.max(knewA, knewB))
                .count();
        // No call that began with its instance knowing the bucket spent sent a request to MyAIHub.
        assertThat(calls).filteredOn(call -> call.knewSpent()).isNotEmpty().noneMatch(Call::sentToMyAiHub);
        assertThat(answeredByMyAiHub).isEqualTo(LEFT);
        assertThat(received).isLessThanOrEqualTo(LEFT + (int) inFlight);
        report(received, inFlight, Math.abs(knewA - knewB), calls.size());
    }

    /**
     * When an instance was first seen to know the bucket spent: the earliest beginning of one of its
     * calls that knew. Knowing is for good within the month, so every call that began later knew too.
     */
    private static long knewAt(String instance, Collection<Call> calls) {
        return calls.stream()
                .filter(call -> call.instance().equals(instance) && call.knewSpent())
                .mapToLong(Call::began)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private void callUntilMyAiHubIsSkipped(Instance instance, CountDownLatch go, ConcurrentLinkedQueue<Call> calls) {
        try {
            go.await();
            for (int attempt = 0; attempt < 5; attempt++) {
                long began = System.nanoTime();
                boolean knewSpent = instance.knowsSpent("openrouter", DECEMBER);
                ChatResponse response = instance.ask("open");
                long ended = System.nanoTime();
                boolean answered = hubOf(response).equals("myaihub");
                TargetUnavailable passedOver = fallbacksOf(response).isEmpty()
                        ? null
                        : fallbacksOf(response).get(0);
                boolean sent = answered || (passedOver != null && passedOver.sent());
                boolean sawSpent = (answered && spentBy(response)) || (passedOver != null && passedOver.sent());
                calls.add(new Call(instance.name(), began, ended, knewSpent, sent, answered, sawSpent));
                if (!sent) {
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean spentBy(ChatResponse response) {
        HubQuota quota = response.getMetadata().get(AifoMetadata.QUOTA);
        return quota != null
                && quota.bucket("openrouter").map(QuotaBucket::isExhausted).orElse(false);
    }

    private static long remaining(Instance instance) {
        return instance.store()
                .lastKnown(instance.hub("myaihub").getKeyFingerprint())
                .flatMap(quota -> quota.bucket("openrouter"))
                .map(QuotaBucket::remaining)
                .orElse(-1L);
    }

    private static void report(int received, long inFlight, long apartNanos, int calls) throws IOException {
        Path report = Path.of("target", "shared-quota-bound.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(
                report,
                "2 instances x " + CALLERS + " callers, " + calls + " calls, " + LEFT + " requests left: MyAIHub"
                        + " received " + received + ", bound " + LEFT + " + " + inFlight + " in flight; the"
                        + " instances' calls first knew " + apartNanos / 1000 + " microseconds apart\n");
    }
}
