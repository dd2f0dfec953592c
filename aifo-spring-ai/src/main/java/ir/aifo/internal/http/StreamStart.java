package ir.aifo.internal.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

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
 * on, so a stream pays for neither. The body the client is given completes only after that
 * ({@link SettledBody}), so the client cannot complete its future first when the reply beats
 * {@code sendAsync}'s return. Nothing else waits on that completion: the events reach the body
 * subscriber, and so does any failure after the headers. A failure before the stream has the reply
 * (no connection, no reply, an error page that could not be read) still completes the future the
 * client's way, and reaches the stream through it.
 */
final class StreamStart {

    // The client's future, once sendAsync has returned it.
    private final CompletableFuture<CompletableFuture<?>> exchange = new CompletableFuture<>();

    // The stream has the reply: the client's future has nothing left to tell.
    private final CompletableFuture<Void> replyReceived = new CompletableFuture<>();

    // Both, whichever came first (the reply may beat sendAsync's return), and then the client's future
    // completed here: the bodies given to the client complete after this.
    private final CompletableFuture<Void> settled =
            exchange.thenAcceptBoth(replyReceived, (sent, received) -> sent.complete(null));

    /** A start whose request is not sent yet: {@link #send} sends it. */
    StreamStart() {}

    /**
     * Sends {@code request} and hands its reply to {@code handler}; a failure before the stream has the
     * reply goes to {@code onFailure}. The handler calls {@link #replyReceived} when it gives the stream's
     * own body subscriber, or once it has read an error page whole and failed the stream with it: until
     * then the body its subscriber gives the client does not complete.
     */
    <T> void send(
            HttpClient client,
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            Consumer<Throwable> onFailure) {
        HttpResponse.BodyHandler<T> settling = info -> new SettledBody<>(handler.apply(info), settled);
        CompletableFuture<HttpResponse<T>> sent = StreamExecutor.start(() -> client.sendAsync(request, settling));
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                onFailure.accept(failure);
            }
        });
        exchange.complete(sent);
    }

    /**
     * The stream has the reply: its body subscriber reads the events and ends the exchange, or an error
     * page was read whole and the stream failed with it.
     */
    void replyReceived() {
        replyReceived.complete(null);
    }

    /**
     * Gives up the exchange while it waits for the reply's headers: cancelling the client's future
     * cancels the exchange and closes its connection. After that the body's subscriber ends it.
     */
    void abandon() {
        CompletableFuture<?> sent = exchange.getNow(null);
        if (sent != null) {
            sent.cancel(true);
        }
    }

    /**
     * A body subscriber whose body completes only once its own has and the exchange is {@code settled}.
     * The client completes its future after the body, so it cannot complete it ahead of the start, and
     * hand that on, while {@code sendAsync} is still returning it.
     */
    private static final class SettledBody<T> implements HttpResponse.BodySubscriber<T> {

        private final HttpResponse.BodySubscriber<T> subscriber;

        private final CompletionStage<T> body;

        SettledBody(HttpResponse.BodySubscriber<T> subscriber, CompletionStage<Void> settled) {
            this.subscriber = subscriber;
            // Not thenCombine, which waits for both: a body that fails must fail the exchange at once.
            this.body = subscriber.getBody().thenCompose(own -> settled.thenApply(ignored -> own));
        }

        @Override
        public CompletionStage<T> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            subscriber.onNext(buffers);
        }

        @Override
        public void onError(Throwable failure) {
            subscriber.onError(failure);
        }

        @Override
        public void onComplete() {
            subscriber.onComplete();
        }
    }
}
