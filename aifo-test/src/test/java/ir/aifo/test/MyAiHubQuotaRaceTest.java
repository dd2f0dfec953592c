package ir.aifo.test;

import static ir.aifo.test.HubCalls.GPT;
import static ir.aifo.test.HubCalls.myAiHub;
import static ir.aifo.test.HubCalls.myAiHubText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A MyAIHub key's monthly bucket under concurrent requests: each remaining request is given to exactly
 * one caller, however many arrive at once, so a test can rely on "runs out after N answers".
 */
class MyAiHubQuotaRaceTest {

    private static final int CALLERS = 200;

    private static final int LEFT = 10;

    private static final String ANSWER = "پاسخ شبیه‌ساز MyAIHub به «سلام»";

    private static final String GPT_SPENT = "سقف ماهانه GPT/OpenAI شما تمام شده است.";

    @RepeatedTest(3)
    void concurrentRequestsGetExactlyTheRequestsLeftAndTheRestAQuotaError() throws Exception {
        try (AifoHubSimulator simulator = AifoHubSimulator.start()) {
            SimulatedHub hub = simulator
                    .hub("myaihub")
                    .myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", MyAiHubPlan.VIP.limitOf("openai") - LEFT);

            List<String> replies =
                    concurrently(() -> myAiHubText(myAiHub(hub.baseUrl(), hub.defaultKey(), GPT, "سلام")));

            Map<String, Long> counted =
                    replies.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(ANSWER, (long) LEFT, GPT_SPENT, (long)
                    (CALLERS - LEFT)));
            assertThat(hub.journal()).hasSize(CALLERS);
            assertThat(myAiHubText(myAiHub(hub.baseUrl(), hub.defaultKey(), GPT, "سلام")))
                    .as("the month is spent")
                    .isEqualTo(GPT_SPENT);
        }
    }

    private interface Call {
        String reply() throws Exception;
    }

    // Every caller waits at the gate, so the requests reach the hub together rather than one by one.
    private static List<String> concurrently(Call call) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                futures.add(callers.submit(() -> {
                    gate.await();
                    return call.reply();
                }));
            }
            gate.countDown();
            List<String> replies = new ArrayList<>();
            for (Future<String> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            callers.shutdownNow();
        }
    }
}
