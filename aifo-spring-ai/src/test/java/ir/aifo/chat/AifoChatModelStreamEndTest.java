package ir.aifo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ir.aifo.chat.error.AifoConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * How a stream ends when the hub does not end it cleanly: kept open after {@code [DONE]}, consumed by
 * a slow subscriber, or cut by the connection. Against a raw socket, which writes exactly these bytes.
 */
class AifoChatModelStreamEndTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(600);

    private static final Duration TEST_LIMIT = Duration.ofSeconds(15);

    private RawHub hub;

    @AfterEach
    void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private AifoChatModel model() {
        return model(READ_TIMEOUT);
    }

    private AifoChatModel model(Duration readTimeout) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(hub.baseUrl())
                        .apiKey(HubStub.API_KEY)
                        .readTimeout(readTimeout)
                        .build())
                .retryTemplate(HubStub.fastRetry(2))
                .build();
    }

    @Test
    void aStreamCompletesAtDoneEvenWhenTheHubKeepsTheBodyOpenAndTheConnectionIsThenReleased() throws Exception {
        hub = RawHub.start(connection -> {
            connection.chunkedHead("text/event-stream");
            connection.chunk(HubStub.contentChunk("سلام") + HubStub.finishChunk() + HubStub.DONE);
            // A proxy that keeps the body open: no last chunk, no close.
            connection.awaitClientClose(Duration.ofSeconds(20));
        });

        Duration readTimeout = Duration.ofSeconds(3);
        AifoChatModel model = model(readTimeout);

        long started = System.nanoTime();
        List<ChatResponse> responses = assertTimeoutPreemptively(
                TEST_LIMIT, () -> model.stream(new Prompt("hi")).collectList().block());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(responses)
                .extracting(r -> r.getResult().getOutput().getText())
                .contains("سلام");
        assertThat(took).isLessThan(readTimeout);
        // The connection left open by the hub is closed once the grace after the final event has passed.
        assertThat(hub.awaitClientClose(Duration.ofSeconds(6))).isTrue();
        assertThat(hub.requests()).isEqualTo(1);
    }

    @Test
    void aConsumerThatLeavesMidStreamClosesTheConnection() throws Exception {
        hub = RawHub.start(connection -> {
            connection.chunkedHead("text/event-stream");
            connection.chunk(HubStub.contentChunk("سلام"));
            connection.awaitClientClose(Duration.ofSeconds(20));
        });

        ChatResponse first = assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> model(Duration.ofSeconds(10)).stream(new Prompt("hi")).blockFirst());

        assertThat(first.getResult().getOutput().getText()).isEqualTo("سلام");
        // Well within the read timeout: the cancel closed it, not a silence.
        assertThat(hub.awaitClientClose(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void aConsumerThatLeavesBeforeTheReplyBeginsClosesTheConnection() throws Exception {
        CountDownLatch requestRead = new CountDownLatch(1);
        hub = RawHub.start(connection -> {
            requestRead.countDown();
            connection.awaitClientClose(Duration.ofSeconds(20));
        });
        Disposable subscription =
                model(Duration.ofSeconds(10)).stream(new Prompt("hi")).subscribe();
        assertThat(requestRead.await(TEST_LIMIT.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();

        // The request is out, its headers awaited (by a worker, or by the JDK client: whichever way it was sent).
        subscription.dispose();

        assertThat(hub.requests()).isEqualTo(1);
        assertThat(hub.awaitClientClose(Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void aSubscriberSlowerThanTheReadTimeoutIsNotTakenForASilentHub() throws Exception {
        hub = RawHub.start(connection -> {
            connection.chunkedHead("text/event-stream");
            connection.chunk(HubStub.contentChunk("یک")
                    + HubStub.contentChunk("دو")
                    + HubStub.contentChunk("سه")
                    + HubStub.finishChunk()
                    + HubStub.DONE);
            connection.chunk("");
        });
        Duration perElement = READ_TIMEOUT.plusMillis(500);

        // The subscriber blocks the thread that delivers each element for longer than the read timeout.
        List<String> texts = assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> model().stream(new Prompt("hi"))
                        .mapNotNull(r -> r.getResult().getOutput().getText())
                        .filter(text -> !text.isEmpty())
                        .doOnNext(text -> sleep(perElement))
                        .collectList()
                        .block());

        assertThat(texts).containsExactly("یک", "دو", "سه");
    }

    @Test
    void aSubscriberThatAsksForOneElementAtATimeGetsTheWholeStreamHoweverLongItWaits() throws Exception {
        hub = RawHub.start(connection -> {
            connection.chunkedHead("text/event-stream");
            for (String word : List.of("یک", "دو", "سه")) {
                connection.chunk(HubStub.contentChunk(word));
                Thread.sleep(50);
            }
            connection.chunk(HubStub.finishChunk() + HubStub.DONE);
            connection.chunk("");
        });

        List<String> texts = assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> model().stream(new Prompt("hi"))
                        .limitRate(1)
                        .publishOn(Schedulers.boundedElastic(), 1)
                        .mapNotNull(r -> r.getResult().getOutput().getText())
                        .filter(text -> !text.isEmpty())
                        .doOnNext(text -> sleep(READ_TIMEOUT.plusMillis(300)))
                        .collectList()
                        .block());

        assertThat(texts).containsExactly("یک", "دو", "سه");
    }

    static Stream<Arguments> brokenConnections() {
        return Stream.of(
                Arguments.of("a connection reset", (Ending) RawHub.Connection::reset),
                Arguments.of("a chunked body cut without its last chunk", (Ending) RawHub.Connection::close));
    }

    @ParameterizedTest(name = "{0} mid-stream")
    @MethodSource("brokenConnections")
    void aConnectionThatBreaksMidStreamIsAConnectionErrorAfterTheContentThatArrived(String fault, Ending ending)
            throws Exception {
        hub = RawHub.start(connection -> {
            connection.chunkedHead("text/event-stream");
            connection.chunk(HubStub.contentChunk("سلام"));
            Thread.sleep(100);
            ending.end(connection);
        });
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        assertTimeoutPreemptively(
                TEST_LIMIT,
                () -> model().stream(new Prompt("hi"))
                        .doOnNext(r -> received.add(r.getResult().getOutput().getText()))
                        .onErrorResume(error -> {
                            failure.set(error);
                            return Flux.empty();
                        })
                        .blockLast());

        assertThat(received).containsExactly("سلام");
        assertThat(failure.get())
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageStartingWith(
                        "The event stream from " + hub.baseUrl() + " (HTTP 200) broke off before its end");
        assertThat(((AifoConnectionException) failure.get()).getStatusCode()).isEqualTo(200);
        // Part of the reply reached the caller: a retry would repeat it.
        assertThat(hub.requests()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} mid-reply")
    @MethodSource("brokenConnections")
    void aConnectionThatBreaksMidReplyIsTheSameConnectionErrorInACall(String fault, Ending ending) throws Exception {
        String completion = HubStub.completion("سلام");
        hub = RawHub.start(connection -> {
            connection.chunkedHead("application/json");
            connection.chunk(completion.substring(0, completion.length() / 2));
            Thread.sleep(100);
            ending.end(connection);
        });

        Throwable failure =
                assertTimeoutPreemptively(TEST_LIMIT, () -> catchThrowable(() -> model().call(new Prompt("hi"))));

        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageStartingWith("The reply from " + hub.baseUrl() + " (HTTP 200) broke off before its end");
        assertThat(((AifoConnectionException) failure).getStatusCode()).isEqualTo(200);
        // The hub accepted the request (200), so it has probably counted it: not retried by default.
        assertThat(hub.requests()).isEqualTo(1);
    }

    @FunctionalInterface
    interface Ending {
        void end(RawHub.Connection connection) throws Exception;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
