package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.testing.LogCapture;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The fault matrix, blocking and streaming, against the simulator: for each fault the documented
 * outcome and the exact number of requests the hub saw (up to 3: two retries allowed), and in a
 * stream the content that arrived before the fault is kept. Never an empty reply passed off as success.
 */
class FaultMatrixTest {

    private static final String ANSWER = "پاسخ شبیه‌ساز به «سلام»";

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("ir.aifo.chat.HubRetry");

    static Stream<Arguments> faults() {
        return Stream.of(
                row("500 then success", s -> s.failNext(1, SimulatedFault.serverError()), null, 2),
                row("500 every time", s -> s.failNext(3, SimulatedFault.serverError()), AifoServerException.class, 3),
                row("502 HTML page", s -> s.failNext(3, SimulatedFault.htmlErrorPage()), AifoServerException.class, 3),
                row(
                        "429 Retry-After 1 s",
                        s -> s.failNext(1, SimulatedFault.rateLimited(Duration.ofSeconds(1))),
                        null,
                        2),
                row("200 with garbage", s -> s.failNext(1, SimulatedFault.garbage()), AifoServerException.class, 1),
                row(
                        "cut before its end",
                        s -> s.failNext(1, SimulatedFault.streamCutBeforeDone()),
                        AifoServerException.class,
                        1),
                row(
                        "connection dropped mid-body",
                        s -> s.failNext(1, SimulatedFault.connectionDropped()),
                        AifoConnectionException.class,
                        1),
                row(
                        "no first byte within the read timeout",
                        s -> s.failNext(3, SimulatedFault.slowFirstByte(Duration.ofMillis(600))),
                        AifoConnectionException.class,
                        3));
    }

    private static Arguments row(
            String fault, Consumer<AifoHubSimulator> arrange, @Nullable Class<?> failure, int requests) {
        return Arguments.of(fault, arrange, failure, requests);
    }

    private static AifoConnection.Builder connection(String baseUrl) {
        return AifoConnection.builder()
                .baseUrl(baseUrl)
                .apiKey(AifoHubSimulator.DEFAULT_KEY)
                .readTimeout(Duration.ofMillis(300));
    }

    private static AifoChatModel.Builder model(String baseUrl) {
        return model(connection(baseUrl));
    }

    private static AifoChatModel.Builder model(AifoConnection.Builder connection) {
        return AifoChatModel.builder()
                .connection(connection.build())
                .retryTemplate(new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(2)
                        .includes(TransientAiException.class)
                        .delay(Duration.ofMillis(5))
                        .build()));
    }

    @ParameterizedTest(name = "call: {0}")
    @MethodSource("faults")
    void blockingCall(
            String fault,
            Consumer<AifoHubSimulator> arrange,
            @Nullable Class<?> failure,
            int requests,
            AifoHubSimulator simulator) {
        arrange.accept(simulator);

        Object outcome;
        try {
            outcome = model(simulator.baseUrl()).build().call("سلام");
        } catch (RuntimeException thrown) {
            outcome = thrown;
        }

        if (failure == null) {
            assertThat(outcome).isEqualTo(ANSWER);
        } else {
            assertThat(outcome).isInstanceOf(failure);
        }
        assertThat(simulator.journal()).as("requests the hub saw").hasSize(requests);
    }

    @ParameterizedTest(name = "stream: {0}")
    @MethodSource("faults")
    void stream(
            String fault,
            Consumer<AifoHubSimulator> arrange,
            @Nullable Class<?> failure,
            int requests,
            AifoHubSimulator simulator) {
        arrange.accept(simulator);
        List<String> received = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> model(simulator.baseUrl()).build().stream(new Prompt("سلام"))
                .doOnNext(response -> received.add(text(response)))
                .blockLast());

        String text = String.join("", received);
        if (failure == null) {
            assertThat(thrown).isNull();
            assertThat(text).isEqualTo(ANSWER);
        } else {
            assertThat(thrown).isInstanceOf(failure);
            // What arrived before the fault is kept, and is only ever a beginning of the answer.
            assertThat(ANSWER).startsWith(text);
        }
        if (fault.equals("cut before its end") || fault.equals("connection dropped mid-body")) {
            assertThat(text).isNotEmpty();
        }
        assertThat(simulator.journal()).as("requests the hub saw").hasSize(requests);
    }

    @Test
    void connectionRefusedIsAConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort;

        assertThat(catchThrowable(() -> model(baseUrl).build().call("سلام")))
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageContaining("connection refused");
        assertThat(catchThrowable(
                        () -> model(baseUrl).build().stream(new Prompt("سلام")).blockLast()))
                .isInstanceOf(AifoConnectionException.class);
    }

    @Test
    void myAiHubErrorWithStatus200IsAnErrorNotAnEmptyReply(AifoHubSimulator simulator) {
        simulator.myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openrouter", 750);
        AifoChatModel model = model(connection(simulator.baseUrl()).protocol(AifoProtocol.MYAIHUB))
                .defaultOptions(AifoChatOptions.builder()
                        .model("deepseek/deepseek-chat")
                        .build())
                .build();

        assertThat(catchThrowable(() -> model.call("سلام"))).isInstanceOf(AifoQuotaExceededException.class);
        assertThat(catchThrowable(() -> model.stream(new Prompt("سلام")).blockLast()))
                .isInstanceOf(AifoQuotaExceededException.class);
        assertThat(simulator.journal())
                .as("the second is refused before sending")
                .hasSize(1);
    }

    private static String text(ChatResponse response) {
        return response.getResult() == null || response.getResult().getOutput().getText() == null
                ? ""
                : response.getResult().getOutput().getText();
    }
}
