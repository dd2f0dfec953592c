package ir.aifo.routing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.HubStub;
import ir.aifo.routing.TargetUnavailable.Reason;
import ir.aifo.testing.LogCapture;
import ir.aifo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/** Two routers, as two instances of one application, sharing their cool-downs. */
class CoolDownSharingTest {

    @RegisterExtension
    static WireMockExtension first = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension second = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class, "ir.aifo.chat").at(Level.DEBUG);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    private final SharedByHand shared = new SharedByHand();

    private final List<TargetUnavailable> startedOnB = new CopyOnWriteArrayList<>();

    private final AifoRouter instanceA = router(coolDown -> {});

    private final AifoRouter instanceB = router(startedOnB::add);

    @Test
    void aCoolDownOneInstanceStartsIsSkippedUnsentByTheOtherUntilItEnds() {
        HubStub.reply(first, HubStub.json(401, HubStub.openAiError("bad key", "invalid_request_error", null, null)));
        HubStub.reply(second, HubStub.json(200, HubStub.completion("ok")));

        instanceA.call(new Prompt("سلام"));
        ChatResponse onB = instanceB.call(new Prompt("سلام"));

        assertThat(HubStub.requests(first)).hasSize(1);
        assertThat(onB.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .singleElement()
                .satisfies(skipped -> {
                    assertThat(skipped.reason()).isEqualTo(Reason.KEY_REFUSED);
                    assertThat(skipped.sent()).isFalse();
                });
        assertThat(shared.told).singleElement().satisfies(coolDown -> {
            assertThat(coolDown.target()).isEqualTo(RouteTarget.wholeHub("aifo"));
            assertThat(coolDown.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        });
        assertThat(startedOnB).hasSize(1);
        // The instance that met the refusal warns; the one that learned it says so only at DEBUG.
        assertThat(logs.events())
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .hasSize(1);
        assertThat(logs.events())
                .filteredOn(event -> event.getFormattedMessage().contains("as another instance found"))
                .singleElement()
                .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.DEBUG));

        clock.advance(Duration.ofMinutes(5));
        HubStub.reply(first, HubStub.json(200, HubStub.completion("back")));

        assertThat(instanceB.call(new Prompt("سلام")).getMetadata().<String>get(AifoMetadata.HUB))
                .isEqualTo("aifo");
    }

    @Test
    void aLearnedCoolDownKeepsTheLaterEndAndOneThatHasEndedIsIgnored() {
        RouteTarget aifo = RouteTarget.wholeHub("aifo");
        Instant soon = clock.instant().plusSeconds(10);
        Instant later = clock.instant().plusSeconds(60);

        shared.tellB(new TargetUnavailable(aifo, Reason.RATE_LIMITED, "429", later, true));
        shared.tellB(new TargetUnavailable(aifo, Reason.RATE_LIMITED, "429", soon, true));
        shared.tellB(new TargetUnavailable(
                RouteTarget.wholeHub("tokenhub"), Reason.RATE_LIMITED, "429", clock.instant(), true));

        assertThat(instanceB.getCoolDowns())
                .singleElement()
                .satisfies(coolDown -> assertThat(coolDown.until()).isEqualTo(later));
        assertThat(startedOnB).hasSize(1);
        // What an instance learned is not shared back.
        assertThat(shared.told).isEmpty();
    }

    private AifoRouter router(Consumer<TargetUnavailable> started) {
        return AifoRouter.builder()
                .hub(
                        "aifo",
                        HubStub.model(first).retryTemplate(HubStub.fastRetry(0)).build())
                .hub(
                        "tokenhub",
                        HubStub.model(second)
                                .retryTemplate(HubStub.fastRetry(0))
                                .build())
                .route("smart", "aifo:openai/gpt-5-mini", "tokenhub:gpt-4o-mini")
                .defaultRoute("smart")
                .clock(clock)
                .coolDownSharing(shared)
                .listener(new RouteListener() {
                    @Override
                    public void coolDownStarted(TargetUnavailable coolDown) {
                        started.accept(coolDown);
                    }
                })
                .build();
    }

    /** Hands each shared cool-down to every other router at once, as a store would a moment later. */
    private static final class SharedByHand implements AifoRouter.CoolDownSharing {

        private final List<Consumer<TargetUnavailable>> routers = new CopyOnWriteArrayList<>();

        private final List<TargetUnavailable> told = new CopyOnWriteArrayList<>();

        @Override
        public void share(TargetUnavailable coolDown) {
            told.add(coolDown);
            // Its own router learns it too, as from a store that tells everyone; it already knows it.
            routers.forEach(router -> router.accept(coolDown));
        }

        @Override
        public void connect(Consumer<TargetUnavailable> learned) {
            routers.add(learned);
        }

        /** As if another instance had shared it with B, the second router built. */
        void tellB(TargetUnavailable coolDown) {
            routers.get(1).accept(coolDown);
        }
    }
}
