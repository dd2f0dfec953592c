package ir.aifo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import reactor.core.publisher.Flux;

/**
 * The call and stream deadlines: a hub that drips bytes forever, or a retry policy that would back off
 * for minutes, never holds a caller past {@code callTimeout} or {@code streamTimeout}.
 */
class AifoChatModelDeadlineTest {

    private static final Duration TEST_LIMIT = Duration.ofSeconds(20);

    @RegisterExtension
    final LogCapture logs = LogCapture.of(HubRetry.class);

    private RawHub hub;

    @AfterEach
    void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private AifoConnection.Builder connection() {
        return AifoConnection.builder()
                .baseUrl(hub.baseUrl())
                .apiKey(HubStub.API_KEY)
                .readTimeout(Duration.ofSeconds(1));
    }

    private AifoChatModel.Builder model(AifoConnection.Builder connection) {
        return AifoChatModel.builder().connection(connection.build()).retryTemplate(HubStub.fastRetry(2));
    }

    // Never silent for as long as the read timeout, never done.
    private static void dripForever(RawHub.Connection connection, String byteToDrip) throws Exception {
        for (int i = 0; i < 200; i++) {
            connection.write(byteToDrip);
            Thread.sleep(100);
        }
    }

    @Test
    void aReplyThatDripsForeverFailsTheCallAtTheCallTimeout() throws Exception {
        hub = RawHub.start(connection -> {
            connection.fixedHead("application/json", 1_000_000);
            dripForever(connection, " ");
        });
        AifoChatModel model =
                model(connection().callTimeout(Duration.ofMillis(1_500))).build();

        long started = System.nanoTime();
        Throwable failure =
                assertTimeoutPreemptively(TEST_LIMIT, () -> catchThrowable(() -> model.call(new Prompt("hi"))));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessage("The reply from " + hub.baseUrl() + " (HTTP 200) was still arriving when the call timeout"
                        + " of 1500 ms (spring.ai.aifo.call-timeout) ran out");
        assertThat(took).isBetween(Duration.ofMillis(1_400), Duration.ofMillis(4_000));
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void aStreamThatDripsKeepAlivesForeverFailsAtTheStreamTimeoutAfterItsContent() throws Exception {
        hub = RawHub.start(connection -> {
            connection.chunkedHead("text/event-stream");
            connection.chunk(HubStub.contentChunk("سلام"));
            for (int i = 0; i < 200; i++) {
                connection.chunk(": keep-alive\n\n");
                Thread.sleep(100);
            }
        });
        AifoChatModel model =
                model(connection().streamTimeout(Duration.ofMillis(1_500))).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        long started = System.nanoTime();
        Long received = assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> model.stream(new Prompt("hi"))
                        .onErrorResume(error -> {
                            failure.set(error);
                            return Flux.empty();
                        })
                        .count()
                        .block());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(received).isEqualTo(1);
        assertThat(failure.get())
                .isInstanceOf(AifoConnectionException.class)
                .hasMessage("The event stream from " + hub.baseUrl() + " did not finish within the stream timeout"
                        + " of 1500 ms (spring.ai.aifo.stream-timeout)");
        assertThat(took).isBetween(Duration.ofMillis(1_400), Duration.ofMillis(4_000));
    }

    private static RetryTemplate oneSecondBackOff() {
        return new RetryTemplate(RetryPolicy.builder()
                .maxRetries(10)
                .includes(TransientAiException.class)
                .delay(Duration.ofSeconds(1))
                .build());
    }

    private void serverErrorEveryTime() throws Exception {
        hub = RawHub.start(connection -> connection.write("HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));
    }

    @Test
    void aRetryThatWouldEndPastTheCallTimeoutIsNotStarted() throws Exception {
        serverErrorEveryTime();
        AifoChatModel model = model(connection().callTimeout(Duration.ofMillis(2_500)))
                .retryTemplate(oneSecondBackOff())
                .build();

        long started = System.nanoTime();
        Throwable failure =
                assertTimeoutPreemptively(TEST_LIMIT, () -> catchThrowable(() -> model.call(new Prompt("hi"))));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Attempts at 0 s, 1 s and 2 s; a fourth, after another second's wait, would start past 2.5 s.
        assertThat(hub.requests()).isEqualTo(3);
        assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(2_500));
        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageStartingWith("The call to " + hub.baseUrl() + " did not finish within the call timeout of"
                        + " 2500 ms (spring.ai.aifo.call-timeout); retrying would have run past it, so the last"
                        + " failure stands: The hub failed to answer (HTTP 503)");
        assertThat(failure.getCause()).hasMessageStartingWith("The hub failed to answer (HTTP 503)");
        assertThat(logs.messages(Level.WARN)).hasSize(2);
    }

    @Test
    void aStreamRetryThatWouldEndPastTheStreamTimeoutIsNotStarted() throws Exception {
        serverErrorEveryTime();
        AifoChatModel model = model(connection().streamTimeout(Duration.ofMillis(2_500)))
                .retryTemplate(oneSecondBackOff())
                .build();

        long started = System.nanoTime();
        Throwable failure = streamFailureOf(model);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(hub.requests()).isEqualTo(3);
        assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(2_500));
        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageStartingWith("The stream from " + hub.baseUrl() + " did not finish within the stream timeout"
                        + " of 2500 ms (spring.ai.aifo.stream-timeout)");
    }

    @Test
    void aHubThatNeverAnswersFailsTheCallAtTheCallTimeoutWhenThatIsShorterThanTheReadTimeout() throws Exception {
        hub = silentHub();
        AifoChatModel model = model(
                        connection().readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofMillis(800)))
                .build();

        Throwable failure =
                assertTimeoutPreemptively(TEST_LIMIT, () -> catchThrowable(() -> model.call(new Prompt("hi"))));

        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessage("No reply from " + hub.baseUrl() + " within the call timeout of 800 ms"
                        + " (spring.ai.aifo.call-timeout)");
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void aHubThatNeverBeginsItsStreamFailsItAtTheReadTimeoutAndTheConnectionIsClosed() throws Exception {
        hub = silentHub();
        AifoChatModel model = model(connection().readTimeout(Duration.ofMillis(600)))
                .retryTemplate(HubStub.fastRetry(0))
                .build();

        long started = System.nanoTime();
        Throwable failure = streamFailureOf(model);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The same failure as the JDK client's own request timeout gave, and the exchange is ended with it.
        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessage("No reply from " + hub.baseUrl() + " within the read timeout of 600 ms");
        assertThat(((AifoConnectionException) failure).getStatusCode()).isZero();
        assertThat(took).isBetween(Duration.ofMillis(550), Duration.ofMillis(3_000));
        assertThat(hub.awaitClientClose(Duration.ofSeconds(5))).isTrue();
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void aHubThatNeverBeginsItsStreamFailsItAtTheStreamTimeoutWhenThatIsShorterThanTheReadTimeout() throws Exception {
        hub = silentHub();
        AifoChatModel model = model(
                        connection().readTimeout(Duration.ofSeconds(10)).streamTimeout(Duration.ofMillis(800)))
                .build();

        Throwable failure = streamFailureOf(model);

        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessage("No reply from " + hub.baseUrl() + " within the stream timeout of 800 ms"
                        + " (spring.ai.aifo.stream-timeout)");
        assertThat(hub.awaitClientClose(Duration.ofSeconds(5))).isTrue();
        assertThat(hub.requests()).isEqualTo(1);
    }

    // Reads the stream to its end, within the test's limit, and returns how it failed.
    private static Throwable streamFailureOf(AifoChatModel model) {
        return assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> catchThrowable(() -> model.stream(new Prompt("hi")).blockLast()));
    }

    // A hub that reads the request and never answers, until the client closes the connection.
    private static RawHub silentHub() throws Exception {
        return RawHub.start(connection -> connection.awaitClientClose(Duration.ofSeconds(20)));
    }
}
