package ir.aifo.internal.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The start of a stream's exchange, up to the reply's headers, which {@link #abandon} gives up. The
 * stream's body subscriber completes its body at once, so either way the exchange is over for the
 * JDK client once the headers are in, and the events come on the client's executor as they arrive.
 *
 * <p>The public {@code sendAsync} completes its future through {@code CompletableFuture}'s default
 * executor, which is the common pool, except on a machine where that pool would have a single thread
 * (one or two cores, a common container size): there it is a new thread per task, a new thread for
 * every stream, about 0.2 ms of CPU to start and end on the machine where {@code benchmarks/} runs,
 * just as the next stream starts. There the request is sent with the blocking {@code send} on a
 * stream worker instead, which it holds until the headers arrive; elsewhere with {@code sendAsync},
 * which holds no thread, and whose steps up to the request's being sent run on the subscribing thread
 * unless that is one of Reactor's non-blocking ones ({@link StreamExecutor#start}). The JDK makes that
 * choice by the same test, so a machine gets one or the other as its
 * {@code java.util.concurrent.ForkJoinPool.common.parallelism} says.
 */
interface StreamStart {

    /** Whether a stream's request is sent by a worker that waits for its headers. */
    static boolean sendsOnWorkers() {
        return ForkJoinPool.getCommonPoolParallelism() <= 1;
    }

    /**
     * Sends {@code request} and hands its reply to {@code handler}; a failure before the handler has a
     * body subscriber (no connection, no reply, an error page that could not be read) goes to
     * {@code onFailure}.
     */
    static <T> StreamStart begin(
            HttpClient client,
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            Consumer<Throwable> onFailure) {
        if (sendsOnWorkers()) {
            return OnWorker.start(() -> client.send(request, handler), onFailure);
        }
        CompletableFuture<HttpResponse<T>> exchange = StreamExecutor.start(() -> client.sendAsync(request, handler));
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                onFailure.accept(failure);
            }
        });
        // Cancelling the client's future cancels the exchange and closes its connection.
        return () -> exchange.cancel(true);
    }

    /**
     * Gives up the exchange: it is not sent if it has not been yet, and cancelled (its connection
     * closed) while it waits for the reply's headers. After that the body's subscriber ends it.
     */
    void abandon();

    /** The blocking send, on a worker; abandoned by interrupting the worker while it waits. */
    final class OnWorker implements StreamStart, Runnable {

        /** The blocking send, its failure told to the stream rather than thrown. */
        @FunctionalInterface
        interface Send {

            void send() throws IOException, InterruptedException;
        }

        private final Send send;

        private final Consumer<Throwable> onFailure;

        // The worker inside send(), or null before and after it: the thread to interrupt to abandon the exchange.
        private @Nullable Thread sender;

        private boolean abandoned;

        /** A start that sends when it is run. */
        OnWorker(Send send, Consumer<Throwable> onFailure) {
            this.send = send;
            this.onFailure = onFailure;
        }

        /** A start handed to a stream worker, which sends at once; the caller goes on. */
        static OnWorker start(Send send, Consumer<Throwable> onFailure) {
            OnWorker start = new OnWorker(send, onFailure);
            StreamExecutor.shared().executeOnAnotherThread(start);
            return start;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (abandoned) {
                    return;
                }
                sender = Thread.currentThread();
            }
            try {
                send.send();
            } catch (InterruptedException abandonedWhileWaiting) {
                // The JDK client cancelled the exchange on the interrupt; whoever abandoned it has ended the stream.
            } catch (IOException | RuntimeException failure) {
                onFailure.accept(failure);
            } finally {
                synchronized (this) {
                    sender = null;
                }
                // An abandon just as send() returned must not interrupt the worker's next task.
                Thread.interrupted();
            }
        }

        @Override
        public synchronized void abandon() {
            abandoned = true;
            if (sender != null) {
                sender.interrupt();
            }
        }
    }
}
