package ir.aifo.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.RecordedRequest;
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
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Many callers at once while the first target's monthly bucket runs out: every call is answered once,
 * and the first target answers exactly what its quota had left.
 */
class AifoRouterConcurrencyTest {

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

            List<ChatResponse> responses = callConcurrently(router);

            Map<String, Long> answeredBy = responses.stream()
                    .collect(Collectors.groupingBy(
                            response -> response.getMetadata().<String>get(AifoMetadata.HUB), Collectors.counting()));
            assertThat(answeredBy).containsEntry("myaihub", (long) GPT_LEFT).containsEntry("aifo", (long)
                    (CALLERS - GPT_LEFT));
            // Each request went to a hub once, or to MyAIHub and then AiFO: none was answered twice.
            List<RecordedRequest> toMyAiHub = myAiHub.journal();
            assertThat(aifo.journal()).hasSize(CALLERS - GPT_LEFT);
            // MyAIHub is sent its ten, plus the requests already on their way when its bucket ran out.
            assertThat(toMyAiHub.size()).isBetween(GPT_LEFT, CALLERS);
            System.out.println("[routing] " + CALLERS + " callers, " + GPT_LEFT + " GPT requests left: MyAIHub was"
                    + " sent " + toMyAiHub.size() + " and answered " + GPT_LEFT + ", AiFO answered "
                    + aifo.journal().size());
        }
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
