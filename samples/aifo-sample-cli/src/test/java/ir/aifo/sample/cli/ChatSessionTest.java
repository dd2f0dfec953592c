package ir.aifo.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.SimulatedFault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

class ChatSessionTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    @Test
    void streamsTheAnswerInPiecesAndKeepsTheFiguresOfTheWholeStream(AifoHubSimulator simulator) {
        ChatSession session = new ChatSession(chatClient(simulator), "openai/gpt-5-mini");
        List<String> pieces = new ArrayList<>();

        Reply reply = session.ask("سلام به همه دوستان", pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(reply.text()).isEqualTo("پاسخ شبیه‌ساز به «سلام به همه دوستان»");
        assertThat(reply.model()).isEqualTo("openai/gpt-5-mini");
        assertThat(reply.rateLimit().getRequestsRemaining()).isEqualTo(499);
        assertThat(reply.quota().bucket("tokens")).isPresent();
        assertThat(session.lastReply()).isEqualTo(reply);
    }

    @Test
    void aStreamCutHalfWayIsAnErrorAndLeavesTheHistoryAsItWas(AifoHubSimulator simulator) {
        ChatSession session = new ChatSession(chatClient(simulator), "openai/gpt-5-mini");
        session.ask("اول", piece -> {});
        simulator.failNext(1, SimulatedFault.streamCutBeforeDone());

        assertThatThrownBy(() -> session.ask("دوم", piece -> {})).isInstanceOf(AifoServerException.class);
        session.ask("سوم", piece -> {});

        assertThat(simulator.journal().get(2).body()).contains("اول").doesNotContain("دوم");
    }

    private static ChatClient chatClient(AifoHubSimulator simulator) {
        return ChatClient.create(AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(simulator.baseUrl())
                        .apiKey(simulator.defaultKey())
                        .build())
                // No retry: the cut stream must reach the session, not be hidden by a second attempt.
                .retryTemplate(
                        new RetryTemplate(RetryPolicy.builder().maxRetries(0).build()))
                .build());
    }
}
