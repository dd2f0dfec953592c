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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.FluxSink;

/**
 * Receives a response body as it arrives, decodes its Server-Sent Events, turns each into an element
 * and pushes it to a sink, failing the sink when the hub falls silent for longer than the idle timeout.
 *
 * <p>Buffers are requested one at a time, so a slow reader slows the socket instead of queueing the
 * whole stream in memory.
 */
final class EventStreamSubscriber<T> implements HttpResponse.BodySubscriber<Void> {

    private final FluxSink<T> sink;

    private final Function<SseEvent, @Nullable T> decoder;

    private final SseEventReader reader = new SseEventReader();

    private final CompletableFuture<Void> body = new CompletableFuture<>();

    private final AtomicBoolean terminated = new AtomicBoolean();

    private final SilenceWatch silence;

    private final String source;

    private volatile Flow.@Nullable Subscription subscription;

    EventStreamSubscriber(
            FluxSink<T> sink, Function<SseEvent, @Nullable T> decoder, Duration idleTimeout, String source) {
        this.sink = sink;
        this.decoder = decoder;
        this.silence = new SilenceWatch(idleTimeout, this::failSilent);
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
        silence.start();
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        silence.touch();
        try {
            for (ByteBuffer buffer : buffers) {
                if (terminated.get()) {
                    return;
                }
                reader.feed(buffer, this::push);
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
            reader.finish(this::push);
        } catch (RuntimeException failure) {
            fail(failure);
            return;
        }
        if (terminated.compareAndSet(false, true)) {
            silence.stop();
            sink.complete();
        }
        body.complete(null);
    }

    private void push(SseEvent event) {
        T element = decoder.apply(event);
        if (element != null) {
            sink.next(element);
        }
    }

    /** Ends the stream with {@code failure} unless it has already ended. */
    void fail(Throwable failure) {
        if (cancel()) {
            sink.error(failure);
        }
    }

    /**
     * Stops reading because the consumer went away; closes the connection.
     *
     * @return whether the stream was still live, {@code false} when it had already ended
     */
    boolean cancel() {
        boolean live = terminated.compareAndSet(false, true);
        if (live) {
            silence.stop();
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
        body.complete(null);
        return live;
    }

    private void failSilent() {
        fail(new AifoConnectionException(
                "The event stream from " + source + " was silent for longer than the read timeout of "
                        + silence.limitMillis() + " ms",
                HubError.of(200, null)));
    }
}
