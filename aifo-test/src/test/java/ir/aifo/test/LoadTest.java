package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * 500 concurrent streaming calls and 500 concurrent blocking calls against the simulator on loopback:
 * every reply complete and correct, quota counts exact, no threads left behind, heap bounded. Prints
 * throughput and p99 for the README; asserts only on correctness, never on speed.
 */
class LoadTest {

    private static final int CALLERS = 500;

    // The JDK HttpServer under the simulator closes idle connections past 200 (this module's pom lifts
    // the limit for the tests), and a call that takes such a connection from its client's pool finds it
    // closed before any byte ("header parser received no bytes") and is retried after the back-off, as
    // against any server that closes idle connections. Any retry's warning is kept here, and counted.
    @RegisterExtension
    final LogCapture retries = LogCapture.of("ir.aifo.chat.HubRetry");

    @Test
    void fiveHundredConcurrentStreamsAndCallsAllCompleteWithExactQuotaCounts() throws Exception {
        int baselineThreads = liveThreads();
        ThreadPoolExecutor clientThreads =
                new ThreadPoolExecutor(0, 256, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (AifoHubSimulator simulator = AifoHubSimulator.start()) {
            AifoConnection.Builder connection = AifoConnection.builder()
                    .baseUrl(simulator.baseUrl())
                    .apiKey(simulator.defaultKey())
                    .httpClientCustomizer(builder -> builder.executor(clientThreads))
                    .readTimeout(Duration.ofSeconds(60));
            AifoChatModel openAi =
                    AifoChatModel.builder().connection(connection.build()).build();
            QuotaTracker tracker = QuotaTracker.inMemory();
            AifoChatModel myAiHub = AifoChatModel.builder()
                    .connection(connection.protocol(AifoProtocol.MYAIHUB).build())
                    .quotaTracker(tracker)
                    .defaultOptions(AifoChatOptions.builder()
                            .model("deepseek/deepseek-chat")
                            .build())
                    .build();

            Round streams = run(
                    "stream",
                    index -> String.join(
                            "",
                            openAi.stream(new Prompt("پرسش " + index))
                                    .map(response -> response.getResult() == null
                                                    || response.getResult()
                                                                    .getOutput()
                                                                    .getText()
                                                            == null
                                            ? ""
                                            : response.getResult().getOutput().getText())
                                    .collectList()
                                    .block()));
            Round calls = run(
                    "call",
                    index -> myAiHub.call(new Prompt("پرسش " + index))
                            .getResult()
                            .getOutput()
                            .getText());

            for (int i = 0; i < CALLERS; i++) {
                assertThat(streams.answers.get(i)).isEqualTo("پاسخ شبیه‌ساز به «پرسش " + i + "»");
                assertThat(calls.answers.get(i)).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «پرسش " + i + "»");
            }
            HubQuota quota = tracker.lastKnown(myAiHub.getKeyFingerprint()).orElseThrow();
            assertThat(quota.bucket("openrouter").orElseThrow().used()).isEqualTo(CALLERS);
            assertThat(simulator.journal()).hasSize(2 * CALLERS);

            Runtime runtime = Runtime.getRuntime();
            long usedHeap = runtime.totalMemory() - runtime.freeMemory();
            assertThat(usedHeap).as("heap after the load").isLessThan(512L * 1024 * 1024);
            System.out.println(streams);
            System.out.println(calls);
            System.out.println("load retried attempts: " + retries.events().size());
        }
        // The client's idle threads end after a second; the simulator's when it closes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (liveThreads() > baselineThreads + 8 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(liveThreads()).as("live threads after the load").isLessThanOrEqualTo(baselineThreads + 8);
        clientThreads.shutdown();
    }

    private interface Caller {
        String answer(int index) throws Exception;
    }

    private static Round run(String name, Caller caller) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            List<String> answers = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(CALLERS, "")));
            for (int i = 0; i < CALLERS; i++) {
                int index = i;
                Callable<long[]> task = () -> {
                    start.await();
                    long began = System.nanoTime();
                    answers.set(index, caller.answer(index));
                    return new long[] {System.nanoTime() - began};
                };
                futures.add(callers.submit(task));
            }
            long began = System.nanoTime();
            start.countDown();
            List<Long> latencies = new ArrayList<>();
            for (Future<long[]> future : futures) {
                latencies.add(future.get(120, TimeUnit.SECONDS)[0]);
            }
            long elapsed = System.nanoTime() - began;
            Collections.sort(latencies);
            return new Round(name, answers, elapsed, latencies);
        } finally {
            callers.shutdownNow();
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private record Round(String name, List<String> answers, long elapsedNanos, List<Long> latencies) {

        @Override
        public String toString() {
            double seconds = elapsedNanos / 1e9;
            return String.format(
                    "load %s: %d concurrent, %.0f/s, median %d ms, p99 %d ms, max %d ms",
                    name,
                    CALLERS,
                    CALLERS / seconds,
                    latencies.get(latencies.size() / 2) / 1_000_000,
                    latencies.get((int) (latencies.size() * 0.99)) / 1_000_000,
                    latencies.get(latencies.size() - 1) / 1_000_000);
        }
    }
}
