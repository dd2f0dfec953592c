package ir.aifo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.routing.TargetUnavailable.Reason;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A route's fallbacks against simulated hubs on loopback: which hub answers, which hubs are sent
 * anything (from their journals), and when a hub is tried again.
 */
class AifoRouterFallbackTest {

    // The routes' cool-down lines, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class);

    private static final String GPT = "openai/gpt-5-mini";

    private final RoutedHubs hubs = new RoutedHubs();

    private final RecordingRouteListener listener = new RecordingRouteListener();

    @AfterEach
    void close() {
        hubs.close();
    }

    @Test
    void vipKeyWithOneGptRequestLeftIsAnsweredOnceThenTheRouteMovesOnUntilTheMonthTurns() {
        AifoHubSimulator myAiHub = hubs.start().myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 79);
        AifoHubSimulator aifo = hubs.start();
        AifoRouter router =
                router(myAiHub, AifoProtocol.MYAIHUB, aifo, AifoProtocol.OPENAI, "myaihub:" + GPT, "aifo:" + GPT);

        ChatResponse first = router.call(new Prompt("سلام"));
        ChatResponse second = router.call(new Prompt("سلام"));
        ChatResponse third = router.call(new Prompt("سلام"));

        assertThat(hubOf(first)).isEqualTo("myaihub");
        assertThat(hubOf(second)).isEqualTo("aifo");
        assertThat(hubOf(third)).isEqualTo("aifo");
        assertThat(myAiHub.journal()).hasSize(1);
        assertThat(aifo.journal()).hasSize(2);
        Instant newMonth = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(fallbacksOf(second)).singleElement().satisfies(skipped -> {
            assertThat(skipped.target()).isEqualTo(RouteTarget.parse("myaihub:" + GPT));
            assertThat(skipped.reason()).isEqualTo(Reason.QUOTA_SPENT);
            assertThat(skipped.sent()).isFalse();
            assertThat(skipped.until()).isEqualTo(newMonth);
        });
        assertThat(router.getCoolDowns()).extracting(TargetUnavailable::until).containsExactly(newMonth);

        hubs.clock.set(newMonth.plusSeconds(1));
        ChatResponse nextMonth = router.call(new Prompt("سلام"));

        assertThat(hubOf(nextMonth)).isEqualTo("myaihub");
        assertThat(myAiHub.journal()).hasSize(2);
        assertThat(router.getCoolDowns()).isEmpty();
        assertThat(listener.started).extracting(TargetUnavailable::reason).containsExactly(Reason.QUOTA_SPENT);
        assertThat(listener.ended).extracting(TargetUnavailable::reason).containsExactly(Reason.QUOTA_SPENT);
    }

    @Test
    void aRateLimitedHubIsLeftAtOnceAndTriedAgainWhenItsRetryAfterHasPassed() {
        AifoHubSimulator aifo = hubs.start().failNext(1, SimulatedFault.rateLimited(Duration.ofSeconds(2)));
        AifoHubSimulator tokenHub = hubs.start();
        // The hub would retry a 429 twice on its own; in a route it must not.
        AifoRouter router = AifoRouter.builder()
                .hub("aifo", hubs.model(aifo, AifoProtocol.OPENAI, 2))
                .hub("tokenhub", hubs.model(tokenHub, AifoProtocol.OPENAI))
                .route("fast", "aifo:" + GPT, "tokenhub:gpt-4o-mini")
                .defaultRoute("fast")
                .clock(hubs.clock)
                .listener(listener)
                .build();

        ChatResponse refused = router.call(new Prompt("سلام"));
        ChatResponse during = router.call(new Prompt("سلام"));
        hubs.clock.advance(Duration.ofSeconds(2));
        ChatResponse after = router.call(new Prompt("سلام"));

        assertThat(hubOf(refused)).isEqualTo("tokenhub");
        assertThat(refused.getMetadata().getModel()).isEqualTo("gpt-4o-mini");
        assertThat(fallbacksOf(refused)).singleElement().satisfies(limited -> {
            assertThat(limited.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(limited.sent()).isTrue();
            assertThat(limited.until()).isEqualTo(RoutedHubs.START.plusSeconds(2));
        });
        assertThat(hubOf(during)).isEqualTo("tokenhub");
        assertThat(fallbacksOf(during))
                .singleElement()
                .satisfies(skipped -> assertThat(skipped.sent()).isFalse());
        assertThat(hubOf(after)).isEqualTo("aifo");
        assertThat(after.getMetadata().getModel()).isEqualTo(GPT);
        assertThat(aifo.journal()).hasSize(2);
        assertThat(tokenHub.journal()).hasSize(2);
        assertThat(listener.fallbacks)
                .containsExactly(
                        "fast: aifo:" + GPT + " -> tokenhub:gpt-4o-mini (RATE_LIMITED)",
                        "fast: aifo:" + GPT + " -> tokenhub:gpt-4o-mini (RATE_LIMITED)");
    }

    @Test
    void fiveServerErrorsInARowCoolTheTargetDownAndEachWasAnsweredByTheNext() {
        AifoHubSimulator aifo = hubs.start().failNext(5, SimulatedFault.serverError());
        AifoHubSimulator tokenHub = hubs.start();
        AifoRouter router = AifoRouter.builder()
                .hub("aifo", hubs.model(aifo, AifoProtocol.OPENAI))
                .hub("tokenhub", hubs.model(tokenHub, AifoProtocol.OPENAI))
                .route("fast", "aifo:" + GPT, "tokenhub:gpt-4o-mini")
                .defaultRoute("fast")
                .failuresBeforeCoolDown(5)
                .failureCoolDown(Duration.ofSeconds(30))
                .clock(hubs.clock)
                .listener(listener)
                .build();

        for (int i = 0; i < 5; i++) {
            assertThat(hubOf(router.call(new Prompt("سلام")))).isEqualTo("tokenhub");
            assertThat(listener.started).hasSize(i < 4 ? 0 : 1);
        }
        ChatResponse coolingDown = router.call(new Prompt("سلام"));

        assertThat(aifo.journal()).hasSize(5);
        assertThat(fallbacksOf(coolingDown)).singleElement().satisfies(skipped -> {
            assertThat(skipped.reason()).isEqualTo(Reason.FAILING);
            assertThat(skipped.sent()).isFalse();
            assertThat(skipped.until()).isEqualTo(RoutedHubs.START.plusSeconds(30));
        });
        hubs.clock.advance(Duration.ofSeconds(30));
        assertThat(hubOf(router.call(new Prompt("سلام")))).isEqualTo("aifo");
        assertThat(aifo.journal()).hasSize(6);
    }

    @Test
    void aFailureBetweenSuccessesDoesNotAddUpToACoolDown() {
        AifoHubSimulator aifo = hubs.start();
        AifoHubSimulator tokenHub = hubs.start();
        AifoRouter router =
                router(aifo, AifoProtocol.OPENAI, tokenHub, AifoProtocol.OPENAI, "aifo:" + GPT, "tokenhub:gpt-4o-mini");

        for (int i = 0; i < 4; i++) {
            aifo.failNext(2, SimulatedFault.serverError());
            router.call(new Prompt("سلام"));
            router.call(new Prompt("سلام"));
            assertThat(hubOf(router.call(new Prompt("سلام")))).isEqualTo("aifo");
        }

        assertThat(listener.started).isEmpty();
    }

    @Test
    void whenEveryTargetIsSpentTheFailureListsEachWithItsReasonAndWhenOneComesBack() {
        AifoHubSimulator first = hubs.start().myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        AifoHubSimulator second = hubs.start().myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        AifoRouter router =
                router(first, AifoProtocol.MYAIHUB, second, AifoProtocol.MYAIHUB, "one:" + GPT, "two:" + GPT);

        AifoRouteUnavailableException spent =
                catchThrowableOfType(AifoRouteUnavailableException.class, () -> router.call(new Prompt("سلام")));
        AifoRouteUnavailableException known =
                catchThrowableOfType(AifoRouteUnavailableException.class, () -> router.call(new Prompt("سلام")));

        Instant newMonth = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(spent.getRoute()).isEqualTo("smart");
        assertThat(spent.getTargets())
                .extracting(TargetUnavailable::target, TargetUnavailable::reason, TargetUnavailable::sent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RouteTarget.parse("one:" + GPT), Reason.QUOTA_SPENT, true),
                        org.assertj.core.groups.Tuple.tuple(RouteTarget.parse("two:" + GPT), Reason.QUOTA_SPENT, true));
        assertThat(spent.getAvailableAgainAt()).contains(newMonth);
        assertThat(spent.getStatusCode()).isNotZero();
        assertThat(spent.getSuppressed()).hasSize(2);
        assertThat(spent.getMessage())
                .startsWith("No target of route 'smart' could answer: one:" + GPT + ": quota spent (")
                .contains("two:" + GPT + ": quota spent (")
                .endsWith("The earliest back: " + newMonth);
        assertThat(known.getTargets()).extracting(TargetUnavailable::sent).containsExactly(false, false);
        assertThat(known.getStatusCode()).isZero();
        assertThat(first.journal()).hasSize(1);
        assertThat(second.journal()).hasSize(1);
    }

    @Test
    void aFailureAfterTheHubAcceptedTheRequestIsNeverSentToASecondTarget() {
        AifoHubSimulator aifo = hubs.start().failNext(1, SimulatedFault.garbage());
        AifoHubSimulator tokenHub = hubs.start();
        AifoRouter router =
                router(aifo, AifoProtocol.OPENAI, tokenHub, AifoProtocol.OPENAI, "aifo:" + GPT, "tokenhub:gpt-4o-mini");

        AifoServerException unreadable =
                catchThrowableOfType(AifoServerException.class, () -> router.call(new Prompt("سلام")));

        assertThat(unreadable.getStatusCode()).isEqualTo(200);
        assertThat(tokenHub.journal()).isEmpty();
    }

    private AifoRouter router(
            AifoHubSimulator first,
            AifoProtocol firstProtocol,
            AifoHubSimulator second,
            AifoProtocol secondProtocol,
            String... targets) {
        List<RouteTarget> route =
                List.of(targets).stream().map(RouteTarget::parse).toList();
        AifoChatModel firstModel = hubs.model(first, firstProtocol);
        AifoChatModel secondModel = hubs.model(second, secondProtocol);
        return AifoRouter.builder()
                .hub(route.get(0).hub(), firstModel)
                .hub(route.get(1).hub(), secondModel)
                .route("smart", route)
                .defaultRoute("smart")
                .clock(hubs.clock)
                .listener(listener)
                .build();
    }

    static String hubOf(ChatResponse response) {
        return response.getMetadata().get(AifoMetadata.HUB);
    }

    static List<TargetUnavailable> fallbacksOf(ChatResponse response) {
        return response.getMetadata().get(AifoMetadata.FALLBACKS);
    }
}
