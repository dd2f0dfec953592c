package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.testing.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * A request the hub answered with 200 may already be counted against the key's quota, so a failure
 * after that is not retried, unless the application opts in.
 */
class AcceptedRequestRetryTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("ir.aifo.chat.HubRetry");

    private static AifoChatModel.Builder model(String baseUrl) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(baseUrl)
                        .apiKey(AifoHubSimulator.DEFAULT_KEY)
                        .readTimeout(Duration.ofSeconds(5))
                        .build())
                .retryTemplate(new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(3)
                        .includes(TransientAiException.class)
                        .delay(Duration.ofMillis(5))
                        .build()));
    }

    @Test
    void unreadable200IsNotRetried(AifoHubSimulator simulator) {
        simulator.failNext(1, SimulatedFault.garbage());

        Throwable failure =
                catchThrowable(() -> model(simulator.baseUrl()).build().call("سلام"));

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(simulator.journal()).hasSize(1);
    }

    @Test
    void unreadable200IsRetriedWhenTheApplicationOptsIn(AifoHubSimulator simulator) {
        simulator.failNext(1, SimulatedFault.garbage());

        String answer =
                model(simulator.baseUrl()).retryAcceptedRequests(true).build().call("سلام");

        assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(simulator.journal()).hasSize(2);
    }

    @Test
    void streamCutAfterItsHeadersIsNotRetried(AifoHubSimulator simulator) {
        simulator.failNext(1, SimulatedFault.streamCutBeforeDone());

        Throwable failure = catchThrowable(() -> model(simulator.baseUrl()).build().stream(new Prompt("سلام"))
                .collectList()
                .block());

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(simulator.journal()).hasSize(1);
    }

    @Test
    void errorStatusesAreStillRetried(AifoHubSimulator simulator) {
        simulator.failNext(2, SimulatedFault.serverError());

        assertThat(model(simulator.baseUrl()).build().call("سلام")).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(simulator.journal()).hasSize(3);
    }

    @Test
    void connectionResetMidBodyIsAConnectionErrorWithTheStatusAndIsNotRetried() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> answerHalfAndReset(server, requests), "half-body-peer");
            peer.setDaemon(true);
            peer.start();

            Throwable failure = catchThrowable(() ->
                    model("http://127.0.0.1:" + server.getLocalPort()).build().call("سلام"));

            assertThat(failure).isInstanceOf(AifoConnectionException.class).hasMessageContaining("HTTP 200");
            assertThat(((AifoConnectionException) failure).getStatusCode()).isEqualTo(200);
            assertThat(requests).hasValue(1);
        }
    }

    // Headers promising 1,000 bytes, 20 of them, then a reset: what a hub dying mid-reply looks like.
    private static void answerHalfAndReset(ServerSocket server, AtomicInteger requests) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                requests.incrementAndGet();
                readRequest(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                                + "{\"id\":\"chatcmpl-1\",")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                // Long enough for the client to read the headers before the reset arrives.
                Thread.sleep(200);
                socket.setSoLinger(true, 0);
            } catch (IOException | InterruptedException closed) {
                return;
            }
        }
    }

    // Reads up to the end of the JSON body, so the client is not reset while still sending.
    private static void readRequest(Socket socket) throws IOException {
        StringBuilder request = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (!request.toString().endsWith("}")) {
            int read = socket.getInputStream().read(buffer);
            if (read < 0) {
                return;
            }
            request.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
    }
}
