package ir.aifo.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.SimulatedFault;
import ir.aifo.test.SimulatedHub;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/** A conversation through a router over two simulated hubs, as the CLI holds it. */
class ChatSessionTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    @Test
    void streamsTheAnswerInPiecesAndKeepsTheFiguresOfTheWholeStream(AifoHubSimulator simulator) {
        ChatSession session = new ChatSession(chatClient(simulator), "aifo-only");
        List<String> pieces = new ArrayList<>();

        Reply reply = session.ask("سلام به همه دوستان", pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(reply.text()).isEqualTo("پاسخ شبیه‌ساز به «سلام به همه دوستان»");
        assertThat(reply.hub()).isEqualTo("aifo");
        assertThat(reply.route()).isEqualTo("aifo-only");
        assertThat(reply.fallbacks()).isEmpty();
        assertThat(reply.model()).isEqualTo("openai/gpt-5-mini");
        assertThat(reply.rateLimit().getRequestsRemaining()).isEqualTo(499);
        assertThat(reply.quota().bucket("tokens")).isPresent();
        assertThat(session.lastReply()).isEqualTo(reply);
    }

    @Test
    void aSpentBucketIsSkippedUnsentOnceKnownAndTheReplySaysWhy(AifoHubSimulator simulator) {
        SimulatedHub myAiHub = simulator.hub("myaihub").myAiHubUsage(simulator.defaultKey(), "openai", 79);
        ChatSession session = new ChatSession(chatClient(simulator), "smart");

        Reply first = session.ask("یک", piece -> {});
        Reply second = session.ask("دو", piece -> {});

        assertThat(first.hub()).isEqualTo("myaihub");
        assertThat(first.fallbacks()).isEmpty();
        assertThat(second.hub()).isEqualTo("aifo");
        assertThat(second.route()).isEqualTo("smart");
        assertThat(second.fallbacks()).singleElement().satisfies(skipped -> {
            assertThat(skipped.target()).isEqualTo(RouteTarget.parse("myaihub:openai/gpt-5-mini"));
            assertThat(skipped.reason()).isEqualTo(TargetUnavailable.Reason.QUOTA_SPENT);
            assertThat(skipped.sent()).isFalse();
        });
        assertThat(myAiHub.journal()).hasSize(1);
        // The answer of the first hub goes to the second with the question after it.
        assertThat(simulator.hub("aifo").journal().get(0).body()).contains("یک", "پاسخ شبیه‌ساز MyAIHub", "دو");
    }

    @Test
    void aStreamCutHalfWayIsAnErrorAndLeavesTheHistoryAsItWas(AifoHubSimulator simulator) {
        ChatSession session = new ChatSession(chatClient(simulator), "aifo-only");
        session.ask("اول", piece -> {});
        simulator.hub("aifo").failNext(1, SimulatedFault.streamCutBeforeDone());

        // Cut after its first piece: the route does not ask another hub to answer it again.
        assertThatThrownBy(() -> session.ask("دوم", piece -> {})).isInstanceOf(AifoServerException.class);
        session.ask("سوم", piece -> {});

        assertThat(simulator.hub("aifo").journal().get(2).body())
                .contains("اول")
                .doesNotContain("دوم");
    }

    private static ChatClient chatClient(AifoHubSimulator simulator) {
        return ChatClient.create(AifoRouter.builder()
                .hub("myaihub", hub(simulator.hub("myaihub"), AifoProtocol.MYAIHUB))
                .hub("aifo", hub(simulator.hub("aifo"), AifoProtocol.OPENAI))
                .route("smart", "myaihub:openai/gpt-5-mini", "aifo:openai/gpt-5-mini")
                .route("aifo-only", "aifo:openai/gpt-5-mini")
                .build());
    }

    private static AifoChatModel hub(SimulatedHub hub, AifoProtocol protocol) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(hub.baseUrl())
                        .apiKey(hub.defaultKey())
                        .protocol(protocol)
                        .build())
                // No retry: the cut stream must reach the session, not be hidden by a second attempt.
                .retryTemplate(
                        new RetryTemplate(RetryPolicy.builder().maxRetries(0).build()))
                .build();
    }
}
