package ir.aifo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.routing.TargetUnavailable.Reason;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;

/** A routed stream moves on only before its first response; after it, a failure is the subscriber's. */
class AifoRouterStreamTest {

    // The routes' cool-down lines, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final RoutedHubs hubs = new RoutedHubs();

    private final AifoHubSimulator aifo = hubs.start();

    private final AifoHubSimulator tokenHub = hubs.start();

    private final AifoRouter router = AifoRouter.builder()
            .hub("aifo", hubs.model(aifo, AifoProtocol.OPENAI))
            .hub("tokenhub", hubs.model(tokenHub, AifoProtocol.OPENAI))
            .route("fast", "aifo:openai/gpt-5-mini", "tokenhub:gpt-4o-mini")
            .defaultRoute("fast")
            .clock(hubs.clock)
            .build();

    @AfterEach
    void close() {
        hubs.close();
    }

    @Test
    void aStreamWhoseFirstTargetFailsBeforeItsFirstByteIsAnsweredByTheSecond() {
        aifo.failNext(1, SimulatedFault.serverError());

        List<ChatResponse> responses =
                router.stream(new Prompt("سلام")).collectList().block(TIMEOUT);

        assertThat(responses).isNotEmpty().allSatisfy(response -> {
            assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("tokenhub");
            assertThat(response.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                    .singleElement()
                    .satisfies(failed -> assertThat(failed.reason()).isEqualTo(Reason.FAILING));
        });
        assertThat(text(responses)).isNotBlank();
        assertThat(aifo.journal()).hasSize(1);
        assertThat(tokenHub.journal()).hasSize(1);
    }

    @Test
    void aStreamCutAfterItsFirstChunkFailsWithoutASecondRequest() {
        aifo.failNext(1, SimulatedFault.streamCutBeforeDone());
        List<ChatResponse> received = new CopyOnWriteArrayList<>();

        Throwable failure = catchThrowable(
                () -> router.stream(new Prompt("سلام")).doOnNext(received::add).blockLast(TIMEOUT));

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(received)
                .isNotEmpty()
                .allSatisfy(response -> assertThat(response.getMetadata().<String>get(AifoMetadata.HUB))
                        .isEqualTo("aifo"));
        assertThat(tokenHub.journal()).isEmpty();
    }

    @Test
    void aStreamThatNoTargetCanAnswerFailsWithEveryReason() {
        aifo.failNext(1, SimulatedFault.serverError());
        tokenHub.failNext(1, SimulatedFault.rateLimited(Duration.ofSeconds(5)));

        StepVerifier.create(router.stream(new Prompt("سلام")))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOfSatisfying(AifoRouteUnavailableException.class, unavailable -> {
                            assertThat(unavailable.getTargets())
                                    .extracting(TargetUnavailable::reason)
                                    .containsExactly(Reason.FAILING, Reason.RATE_LIMITED);
                            // The failing hub may answer the next request; it is the earliest back.
                            assertThat(unavailable.getAvailableAgainAt()).contains(RoutedHubs.START);
                        }))
                .verify(TIMEOUT);
    }

    @Test
    void aStreamFromAHubThatDoesNotStreamIsItsWholeAnswerAndCanFallBackToo() {
        AifoHubSimulator myAiHub = hubs.start().myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        AifoRouter router = AifoRouter.builder()
                .hub("myaihub", hubs.model(myAiHub, AifoProtocol.MYAIHUB))
                .hub("aifo", hubs.model(aifo, AifoProtocol.OPENAI))
                .route("smart", "myaihub:openai/gpt-5-mini", "aifo:openai/gpt-5-mini")
                .defaultRoute("smart")
                .clock(hubs.clock)
                .build();

        List<ChatResponse> responses =
                router.stream(new Prompt("سلام")).collectList().block(TIMEOUT);

        assertThat(responses)
                .isNotEmpty()
                .allSatisfy(response -> assertThat(response.getMetadata().<String>get(AifoMetadata.HUB))
                        .isEqualTo("aifo"));
        assertThat(myAiHub.journal()).hasSize(1);
    }

    private static String text(List<ChatResponse> responses) {
        StringBuilder text = new StringBuilder();
        for (ChatResponse response : responses) {
            if (response.getResult() != null && response.getResult().getOutput().getText() != null) {
                text.append(response.getResult().getOutput().getText());
            }
        }
        return text.toString();
    }
}
