package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.testing.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;

class AifoChatModelTimeoutTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(HubRetry.class);

    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);

    private static final Duration TEST_LIMIT = Duration.ofSeconds(5);

    private final CountDownLatch releaseServer = new CountDownLatch(1);

    private HttpServer silentServer;

    @AfterEach
    void stopSilentServer() {
        releaseServer.countDown();
        if (silentServer != null) {
            silentServer.stop(0);
        }
    }

    @Test
    void replyThatDoesNotBeginWithinTheReadTimeoutIsAConnectionErrorRetriedPerPolicy() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("دیر")).withFixedDelay(2_000));
        AifoChatModel model = HubStub.model(HubStub.connection(hub).readTimeout(READ_TIMEOUT))
                .retryTemplate(HubStub.fastRetry(1))
                .build();

        Throwable failure =
                assertTimeoutPreemptively(TEST_LIMIT, () -> catchThrowable(() -> model.call(new Prompt("hi"))));

        assertThat(failure).isInstanceOf(AifoConnectionException.class);
        assertThat(failure.getMessage()).contains("read timeout").contains("300 ms");
        assertThat(((AifoConnectionException) failure).getStatusCode()).isZero();
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void streamWhoseRepliesDoNotBeginWithinTheReadTimeoutIsAConnectionErrorRetriedPerPolicy() {
        HubStub.reply(
                hub, HubStub.sse(HubStub.contentChunk("دیر") + HubStub.DONE).withFixedDelay(2_000));
        AifoChatModel model = HubStub.model(HubStub.connection(hub).readTimeout(READ_TIMEOUT))
                .retryTemplate(HubStub.fastRetry(1))
                .build();

        StepVerifier.create(model.stream(new Prompt("hi")))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(AifoConnectionException.class);
                    assertThat(failure.getMessage()).contains("read timeout");
                })
                .verify(TEST_LIMIT);
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void streamThatFallsSilentAfterItsFirstChunkEmitsThatChunkThenFailsWithAConnectionError() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        String baseUrl = startSilentServer(requests, "text/event-stream", HubStub.contentChunk("سلام"));
        AifoChatModel model = AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(baseUrl)
                        .apiKey(HubStub.API_KEY)
                        .readTimeout(READ_TIMEOUT)
                        .build())
                .retryTemplate(HubStub.fastRetry(2))
                .build();

        StepVerifier.create(model.stream(new Prompt("hi")))
                .assertNext(response ->
                        assertThat(response.getResult().getOutput().getText()).isEqualTo("سلام"))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(AifoConnectionException.class);
                    assertThat(failure.getMessage()).contains("silent").contains("read timeout of 300 ms");
                })
                .verify(TEST_LIMIT);
        assertThat(requests).hasValue(1);
    }

    @Test
    void replyWhoseBodyFallsSilentAfterItsHeadersIsAConnectionError() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        String baseUrl = startSilentServer(requests, "application/json", "{\"id\":\"chatcmpl-1\",");
        AifoChatModel model = AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(baseUrl)
                        .apiKey(HubStub.API_KEY)
                        .readTimeout(READ_TIMEOUT)
                        .build())
                .retryTemplate(HubStub.fastRetry(0))
                .build();

        Throwable failure =
                assertTimeoutPreemptively(TEST_LIMIT, () -> catchThrowable(() -> model.call(new Prompt("hi"))));

        assertThat(failure).isInstanceOf(AifoConnectionException.class);
        assertThat(failure.getMessage()).contains("read timeout");
        assertThat(requests).hasValue(1);
    }

    /**
     * A server on loopback that answers 200 with {@code firstPiece} of a chunked body, flushes, and
     * then says nothing more until the test ends.
     */
    private String startSilentServer(AtomicInteger requests, String contentType, String firstPiece) throws IOException {
        silentServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silentServer.createContext(HubStub.PATH, exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write(firstPiece.getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                releaseServer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silentServer.start();
        return "http://127.0.0.1:" + silentServer.getAddress().getPort();
    }
}
