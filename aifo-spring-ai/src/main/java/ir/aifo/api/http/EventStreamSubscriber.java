package ir.aifo.api.http;

import ir.aifo.api.AifoConnectionException;
import ir.aifo.api.AifoServerException;
import ir.aifo.api.HubError;
import ir.aifo.api.sse.SseEvent;
import ir.aifo.api.sse.SseEventReader;
import ir.aifo.api.sse.SseFormatException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * Receives a response body as it arrives, decodes its Server-Sent Events and pushes them to a sink,
 * failing the sink when the hub falls silent for longer than the idle timeout.
 *
 * <p>Buffers are requested one at a time, so a slow reader slows the socket instead of queueing the
 * whole stream in memory.
 */
final class EventStreamSubscriber implements HttpResponse.BodySubscriber<Void> {

    private final FluxSink<SseEvent> sink;

    private final SseEventReader reader = new SseEventReader();

    private final CompletableFuture<Void> body = new CompletableFuture<>();

    private final AtomicBoolean terminated = new AtomicBoolean();

    private final long idleTimeoutNanos;

    private final String source;

    private volatile Flow.@Nullable Subscription subscription;

    private volatile long lastActivityNanos;

    private volatile @Nullable Disposable idleCheck;

    EventStreamSubscriber(FluxSink<SseEvent> sink, Duration idleTimeout, String source) {
        this.sink = sink;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.source = source;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (terminated.get()) {
            subscription.cancel();
            return;
        }
        lastActivityNanos = System.nanoTime();
        scheduleIdleCheck(idleTimeoutNanos);
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivityNanos = System.nanoTime();
        try {
            for (ByteBuffer buffer : buffers) {
                if (terminated.get()) {
                    return;
                }
                reader.feed(buffer, sink::next);
            }
        } catch (SseFormatException malformed) {
            fail(new AifoServerException(
                    "The event stream from " + source + " is malformed: " + malformed.getMessage(),
                    HubError.of(200, null),
                    malformed));
            return;
        } catch (RuntimeException rejectedByConsumer) {
            fail(rejectedByConsumer);
            return;
        }
        Flow.Subscription current = subscription;
        if (current != null && !terminated.get()) {
            current.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        fail(new AifoServerException(
                "The event stream from " + source + " broke off before its end: " + failure.getMessage(),
                HubError.of(200, null),
                failure));
    }

    @Override
    public void onComplete() {
        try {
            reader.finish(sink::next);
        } catch (RuntimeException failure) {
            fail(failure);
            return;
        }
        if (terminated.compareAndSet(false, true)) {
            stopIdleCheck();
            sink.complete();
        }
        body.complete(null);
    }

    /** Ends the stream with {@code failure} unless it has already ended. */
    void fail(Throwable failure) {
        if (terminated.compareAndSet(false, true)) {
            stopIdleCheck();
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            sink.error(failure);
        }
        body.complete(null);
    }

    /** Stops reading because the consumer went away; closes the connection. */
    void cancel() {
        if (terminated.compareAndSet(false, true)) {
            stopIdleCheck();
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
        body.complete(null);
    }

    // One timer per idle period rather than per chunk: it re-arms for the time still left.
    private void scheduleIdleCheck(long delayNanos) {
        idleCheck = Schedulers.parallel().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        if (terminated.get()) {
            return;
        }
        long silentNanos = System.nanoTime() - lastActivityNanos;
        if (silentNanos >= idleTimeoutNanos) {
            fail(new AifoConnectionException(
                    "The event stream from " + source + " was silent for longer than the read timeout of "
                            + TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos) + " ms",
                    HubError.of(200, null)));
        } else {
            scheduleIdleCheck(idleTimeoutNanos - silentNanos);
        }
    }

    private void stopIdleCheck() {
        Disposable check = idleCheck;
        if (check != null) {
            check.dispose();
        }
    }
}
