package ir.aifo.internal.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The start of a stream's exchange, up to the reply's headers, which {@link #abandon} gives up. The
 * request is sent with {@code sendAsync}, whose steps up to the request's being sent run on the
 * subscribing thread unless that is one of Reactor's non-blocking ones ({@link StreamExecutor#start}),
 * and no thread waits for the headers.
 *
 * <p>Once the stream has the reply ({@link #replyReceived}), the future the JDK client returned is
 * completed here, ahead of the client. The public {@code sendAsync} hands its own completion to
 * {@code CompletableFuture}'s default executor, which is the common pool, or, where that pool would
 * have a single thread (one or two cores, a common container size), a new thread per task: a new
 * thread for every stream, about 0.2 ms of CPU to start and end on the machine where
 * {@code benchmarks/} runs, just as the next stream starts. A future already complete is not handed
 * on, so a stream pays for neither; the stream's body subscriber gives the client {@link #settled} as
 * its body, so the client cannot complete the future first when the headers beat {@code sendAsync}'s
 * return. Nothing else waits on that completion: the events reach the body subscriber, and so does any
 * failure after the headers. A failure before the stream has the reply (no connection, no reply, an
 * error page that could not be read) still completes the future the client's way, and reaches the
 * stream through it.
 */
final class StreamStart {

    // The client's future, once sendAsync has returned it.
    private volatile @Nullable CompletableFuture<?> exchange;

    // The stream has the reply: the client's future has nothing left to tell.
    private volatile boolean replyReceived;

    // The client's future was completed here.
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    /** A start whose request is not sent yet: {@link #send} sends it. */
    StreamStart() {}

    /**
     * Sends {@code request} and hands its reply to {@code handler}; a failure before the stream has the
     * reply goes to {@code onFailure}. The handler calls {@link #replyReceived} when it gives the stream's
     * own body subscriber, or once it has read an error page whole and failed the stream with it.
     */
    <T> void send(
            HttpClient client,
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            Consumer<Throwable> onFailure) {
        CompletableFuture<HttpResponse<T>> sent = StreamExecutor.start(() -> client.sendAsync(request, handler));
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                onFailure.accept(failure);
            }
        });
        exchange = sent;
        // The headers may have come while sendAsync was returning; either this or replyReceived sees the other.
        if (replyReceived) {
            settle(sent);
        }
    }

    /**
     * The stream has the reply: its body subscriber reads the events and ends the exchange, or an error
     * page was read whole and the stream failed with it.
     */
    void replyReceived() {
        replyReceived = true;
        CompletableFuture<?> sent = exchange;
        if (sent != null) {
            settle(sent);
        }
    }

    /**
     * Completes once the client's future has been completed here. The stream's body subscriber gives it
     * as its body: the client completes its future only after the body, so it cannot complete it first,
     * and hand that on, while {@code sendAsync} is still returning it.
     */
    CompletionStage<Void> settled() {
        return settled;
    }

    private void settle(CompletableFuture<?> sent) {
        sent.complete(null);
        settled.complete(null);
    }

    /**
     * Gives up the exchange while it waits for the reply's headers: cancelling the client's future
     * cancels the exchange and closes its connection. After that the body's subscriber ends it.
     */
    void abandon() {
        CompletableFuture<?> sent = exchange;
        if (sent != null) {
            sent.cancel(true);
        }
    }
}
