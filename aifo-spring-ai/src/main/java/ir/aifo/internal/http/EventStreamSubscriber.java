package ir.aifo.internal.http;

import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.sse.SseEvent;
import ir.aifo.internal.sse.SseEventReader;
import ir.aifo.internal.sse.SseFormatException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.FluxSink;

/**
 * Receives a response body as it arrives, decodes its Server-Sent Events, turns each into an element
 * and pushes it to a sink; fails the sink when the hub falls silent for longer than the idle timeout,
 * or when the stream runs past its deadline.
 *
 * <p>Bytes are requested from the hub one buffer at a time, and only while the sink's subscriber wants
 * more: a slow subscriber slows the socket instead of queueing the whole stream in memory. Silence is
 * counted only while a buffer has been requested and has not arrived, so the time a subscriber takes
 * over an element is never blamed on the hub.
 *
 * <p>The wait for the reply to begin is watched the same way, rather than by the JDK client's request
 * timeout: that timeout registers a timer with the client and wakes its selector thread on every
 * request, and again to cancel it, which a stream paid at its start, just when its first event is awaited.
 *
 * <p>The stream ends when the decoder says the hub's reply is complete (OpenAI's {@code [DONE]}), not
 * only when the body ends: a hub or proxy that keeps the body open after its last event would
 * otherwise turn a complete answer into a timeout. The rest of such a body is then read and dropped
 * for a short grace, so that a connection the hub does end can go back to the pool, and abandoned
 * (the connection closed) when it does not.
 */
final class EventStreamSubscriber<T> implements HttpResponse.BodySubscriber<Void> {

    /** How long a body may go on after the hub's final event before the connection is closed. */
    static final Duration AFTER_END_GRACE = Duration.ofSeconds(2);

    private final FluxSink<T> sink;

    private final Function<SseEvent, @Nullable T> decoder;

    private final BooleanSupplier replyComplete;

    private final Runnable endCheck;

    private final SseEventReader reader = new SseEventReader();

    private final AtomicBoolean terminated = new AtomicBoolean();

    // A buffer was requested from the client and has not arrived yet.
    private final AtomicBoolean awaitingBytes = new AtomicBoolean();

    private final SilenceWatch silence;

    private final Deadline deadline;

    private final String source;

    private volatile boolean draining;

    // The reply's headers arrived: a silence from now on is the body's, and the exchange is the JDK's to end.
    private volatile boolean replyBegan;

    // Ends the exchange when the stream fails before the reply began (the JDK client has no timeout then).
    private volatile @Nullable Runnable abandonExchange;

    private volatile @Nullable SilenceWatch drain;

    private volatile Flow.@Nullable Subscription subscription;

    /**
     * @param replyComplete whether the events decoded so far complete the hub's reply
     * @param endCheck run when the events are over, before the stream completes; what it throws fails
     *     the stream instead
     * @param deadline when the whole stream must be over
     */
    EventStreamSubscriber(
            FluxSink<T> sink,
            Function<SseEvent, @Nullable T> decoder,
            BooleanSupplier replyComplete,
            Runnable endCheck,
            Duration idleTimeout,
            Deadline deadline,
            String source) {
        this.sink = sink;
        this.decoder = decoder;
        this.replyComplete = replyComplete;
        this.endCheck = endCheck;
        this.deadline = deadline;
        this.silence = new SilenceWatch(idleTimeout, this::failSilent, deadline, this::failLate);
        this.source = source;
        sink.onRequest(demand -> requestMore());
    }

    /**
     * Starts counting the wait for the reply to begin (unless it already has), against the read timeout
     * and the deadline; {@code abandonExchange} ends the exchange if the stream fails before then.
     */
    void awaitReply(Runnable abandonExchange) {
        this.abandonExchange = abandonExchange;
        if (replyBegan) {
            return;
        }
        if (terminated.get()) {
            abandonExchange.run();
            return;
        }
        silence.start();
    }

    /**
     * The reply's headers arrived: its body is this subscriber's to read when {@code eventStream}, or
     * another's (an error page, read whole within its own limits).
     */
    void replyBegan(boolean eventStream) {
        replyBegan = true;
        if (eventStream) {
            silence.pause();
        } else {
            silence.stop();
        }
    }

    // Complete from the start, as the JDK's own streaming subscribers' are: the exchange is over for the
    // JDK client once the headers are in (StreamStart completes it then), and the events come as they
    // arrive. Cancelling the subscription closes the connection.
    @Override
    public CompletionStage<Void> getBody() {
        return CompletableFuture.completedStage(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (terminated.get()) {
            subscription.cancel();
            return;
        }
        silence.start();
        silence.pause();
        requestMore();
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (draining) {
            requestNext();
            return;
        }
        // Not waiting for the hub while its bytes are decoded and handed to the subscriber.
        silence.pause();
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
        } finally {
            awaitingBytes.set(false);
        }
        if (draining) {
            requestNext();
        } else {
            requestMore();
        }
    }

    @Override
    public void onError(Throwable failure) {
        SilenceWatch afterEnd = drain;
        if (afterEnd != null) {
            afterEnd.stop();
        }
        // The same fault as a call's broken body, so the same type: the connection failed, not the hub's reply.
        fail(new AifoConnectionException(
                "The event stream from " + source + " (HTTP 200) broke off before its end: " + failure.getMessage(),
                HubError.of(200, null),
                failure));
    }

    @Override
    public void onComplete() {
        SilenceWatch afterEnd = drain;
        if (afterEnd != null) {
            afterEnd.stop();
        }
        if (!terminated.get()) {
            try {
                reader.finish(this::push);
                if (!terminated.get()) {
                    endCheck.run();
                }
            } catch (RuntimeException failure) {
                fail(failure);
                return;
            }
            if (terminated.compareAndSet(false, true)) {
                silence.stop();
                sink.complete();
            }
        }
    }

    private void push(SseEvent event) {
        if (terminated.get()) {
            return;
        }
        T element = decoder.apply(event);
        if (element != null) {
            sink.next(element);
        }
        if (replyComplete.getAsBoolean()) {
            completeBeforeBodyEnds();
        }
    }

    private void completeBeforeBodyEnds() {
        // What it throws reaches onNext's handler, which fails the stream.
        endCheck.run();
        if (terminated.compareAndSet(false, true)) {
            silence.stop();
            SilenceWatch afterEnd = new SilenceWatch(AFTER_END_GRACE, this::abandonBody);
            drain = afterEnd;
            draining = true;
            afterEnd.start();
            sink.complete();
        }
    }

    // Asks for the next buffer when the subscriber wants more and none is on its way.
    private void requestMore() {
        Flow.Subscription current = subscription;
        if (current == null || terminated.get() || sink.requestedFromDownstream() <= 0) {
            return;
        }
        if (awaitingBytes.compareAndSet(false, true)) {
            silence.resume();
            current.request(1);
        }
    }

    private void requestNext() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.request(1);
        }
    }

    // The hub kept the body open after its final event: close the connection rather than wait on it.
    private void abandonBody() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** Ends the stream with {@code failure} unless it has already ended. */
    void fail(Throwable failure) {
        if (cancel()) {
            Runnable abandon = abandonExchange;
            if (!replyBegan && abandon != null) {
                abandon.run();
            }
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
        return live;
    }

    private void failSilent() {
        if (!replyBegan) {
            // The message and status of the JDK client's own request timeout, which this wait replaces.
            fail(new AifoConnectionException(
                    "No reply from " + source + " within the read timeout of " + silence.limitMillis() + " ms",
                    HubError.of(0, null)));
            return;
        }
        fail(new AifoConnectionException(
                "The event stream from " + source + " was silent for longer than the read timeout of "
                        + silence.limitMillis() + " ms",
                HubError.of(200, null)));
    }

    private void failLate() {
        if (!replyBegan) {
            fail(new AifoConnectionException(
                    "No reply from " + source + " within the " + deadline.describe(), HubError.of(0, null)));
            return;
        }
        fail(new AifoConnectionException(
                "The event stream from " + source + " did not finish within the " + deadline.describe(),
                HubError.of(200, null)));
    }
}
