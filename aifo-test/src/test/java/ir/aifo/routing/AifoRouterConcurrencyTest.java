package ir.aifo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Many callers at once while the first target's monthly bucket runs out: every call is answered once,
 * and the first target is sent exactly the requests its bucket had left.
 */
class AifoRouterConcurrencyTest {

    // The routes' cool-down lines, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class);

    private static final int CALLERS = 200;

    private static final int GPT_LEFT = 10;

    @RepeatedTest(3)
    void twoHundredCallersWhileTheFirstTargetRunsOutAreEachAnsweredOnce() throws Exception {
        try (RoutedHubs hubs = new RoutedHubs()) {
            AifoHubSimulator myAiHub = hubs.start().myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80 - GPT_LEFT);
            AifoHubSimulator aifo = hubs.start();
            AifoRouter router = AifoRouter.builder()
                    .hub("myaihub", hubs.model(myAiHub, AifoProtocol.MYAIHUB))
                    .hub("aifo", hubs.model(aifo, AifoProtocol.OPENAI))
                    .route("smart", "myaihub:openai/gpt-5-mini", "aifo:openai/gpt-5-mini")
                    .defaultRoute("smart")
                    .clock(hubs.clock)
                    .build();

            // One answer first, so the router knows how many requests the bucket has left.
            assertThat(hubOf(router.call(new Prompt("سلام")))).isEqualTo("myaihub");

            List<ChatResponse> responses = callConcurrently(router);

            Map<String, Long> answeredBy = responses.stream()
                    .collect(Collectors.groupingBy(AifoRouterConcurrencyTest::hubOf, Collectors.counting()));
            int left = GPT_LEFT - 1;
            assertThat(answeredBy).containsOnly(entry("myaihub", (long) left), entry("aifo", (long) (CALLERS - left)));
            // MyAIHub is sent exactly what its bucket had left; the others go to AiFO without reaching MyAIHub, so
            // no call is sent twice or answered twice.
            assertThat(myAiHub.journal()).hasSize(1 + left);
            assertThat(aifo.journal()).hasSize(CALLERS - left);
        }
    }

    private static String hubOf(ChatResponse response) {
        return response.getMetadata().get(AifoMetadata.HUB);
    }

    private static List<ChatResponse> callConcurrently(AifoRouter router) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ChatResponse>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int index = i;
                futures.add(callers.submit(() -> {
                    start.await();
                    return router.call(new Prompt("پرسش " + index));
                }));
            }
            start.countDown();
            List<ChatResponse> responses = new ArrayList<>();
            for (Future<ChatResponse> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            callers.shutdownNow();
        }
    }
}
