package ir.aifo.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Collects a whole reply body, failing with a {@link BodyFailure} when no byte arrives for longer
 * than the read timeout, when it is still arriving at the deadline, when it grows past its limit, or
 * when the connection breaks.
 *
 * <p>The JDK client's request timeout ends when the headers arrive; without this, a hub that sends
 * its headers and then stalls would hold a blocking call for as long as the connection lives. Both
 * failures carry the reply's status: a hub that answered 200 has likely counted the request.
 */
final class SilenceLimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final HttpResponse.BodySubscriber<byte[]> body = HttpResponse.BodySubscribers.ofByteArray();

    private final AtomicBoolean terminated = new AtomicBoolean();

    private final SilenceWatch silence;

    private final long maxBytes;

    private final int status;

    // Written only by onNext, which the client calls one at a time.
    private long received;

    private volatile Flow.@Nullable Subscription subscription;

    private final Deadline deadline;

    SilenceLimitedBodySubscriber(Duration limit, long maxBytes, int status, Deadline deadline) {
        this.deadline = deadline;
        this.silence = new SilenceWatch(limit, this::failSilent, deadline, this::failLate);
        this.maxBytes = maxBytes;
        this.status = status;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        silence.start();
        body.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        silence.touch();
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
        }
        if (received > maxBytes) {
            fail(new BodyFailure(
                    status,
                    "is larger than " + maxBytes + " bytes, the most a reply may have; it was not read to its end"
                            + " (maxReplyBytes sets the limit)",
                    null));
        } else if (!terminated.get()) {
            body.onNext(buffers);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (terminated.compareAndSet(false, true)) {
            silence.stop();
            body.onError(new BodyFailure(status, "broke off before its end: " + failure.getMessage(), failure));
        }
    }

    @Override
    public void onComplete() {
        if (terminated.compareAndSet(false, true)) {
            silence.stop();
            body.onComplete();
        }
    }

    private void failSilent() {
        fail(new BodyFailure(
                status,
                "stopped for longer than the read timeout of " + silence.limitMillis() + " ms before its end",
                null));
    }

    private void failLate() {
        fail(new BodyFailure(status, "was still arriving when the " + deadline.describe() + " ran out", null));
    }

    private void fail(IOException failure) {
        if (terminated.compareAndSet(false, true)) {
            silence.stop();
            // The body fails first: newer JDK 17 updates fail the exchange as soon as the subscription is
            // cancelled, with their own "fixed content-length" error in place of this one.
            body.onError(failure);
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /**
     * The reply's headers arrived but its body did not: it stayed silent for longer than the read
     * timeout, grew past its limit, or its connection broke. The message says which, following
     * "The reply from ... (HTTP status)".
     *
     * <p>Not an {@code HttpTimeoutException}: the blocking {@code send()} re-creates those without their
     * cause, and this one must reach the caller with its status.
     */
    static final class BodyFailure extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;

        BodyFailure(int status, String what, @Nullable Throwable cause) {
            super(what, cause);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
