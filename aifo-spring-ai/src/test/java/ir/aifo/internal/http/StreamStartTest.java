package ir.aifo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ir.aifo.internal.http.StreamStart.OnWorker;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The blocking send that starts a stream where workers send: the caller never waits for it, a failure
 * is told and not thrown, and abandoning it interrupts the wait and nothing after it. The JDK client's
 * side of it, and of {@code sendAsync} elsewhere (the exchange cancelled, its connection closed), is
 * tested against a hub in {@code AifoChatModelDeadlineTest}, which the build runs in both ways.
 */
class StreamStartTest {

    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void workersSendWhereTheCommonPoolHasOneThread() {
        // The build pins the common pool's size, to run the stream tests both ways: the pin must take, and
        // decide the way. Run from an IDE without the pin, the machine's size decides and is not checked.
        String pinned = System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism");
        assumeTrue(pinned != null, "the common pool's size is not pinned");
        int threads = Integer.parseInt(pinned);

        assertThat(ForkJoinPool.getCommonPoolParallelism()).isEqualTo(threads);
        assertThat(StreamStart.sendsOnWorkers()).isEqualTo(threads == 1);
    }

    @Test
    void theSendRunsOnAStreamWorkerWhileTheCallerGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> sentOn = new CompletableFuture<>();

        OnWorker.start(
                () -> {
                    sentOn.complete(Thread.currentThread().getName());
                    release.await();
                },
                failure -> {});

        assertThat(sentOn.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).startsWith("aifo-stream-");
        release.countDown();
    }

    @Test
    void aFailureToSendIsToldNotThrown() throws Exception {
        CompletableFuture<Throwable> told = new CompletableFuture<>();
        ConnectException refused = new ConnectException("refused");

        OnWorker.start(
                () -> {
                    throw refused;
                },
                told::complete);

        assertThat(told.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isSameAs(refused);
    }

    @Test
    void abandoningTheWaitForTheHeadersInterruptsItAndTellsNoFailure() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        AtomicReference<Throwable> told = new AtomicReference<>();
        StreamStart start = OnWorker.start(
                () -> {
                    waiting.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException expected) {
                        interrupted.complete(true);
                        throw expected;
                    }
                },
                told::set);
        assertThat(waiting.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        start.abandon();

        assertThat(interrupted.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(told.get()).isNull();
    }

    @Test
    void aStartAbandonedBeforeItsWorkerRanItNeverSends() {
        AtomicBoolean sent = new AtomicBoolean();

        startedOnThisThreadAfter(() -> sent.set(true), OnWorker::abandon);

        assertThat(sent).isFalse();
    }

    @Test
    void anAbandonAsTheSendReturnsLeavesTheThreadUninterrupted() {
        AtomicReference<OnWorker> self = new AtomicReference<>();
        OnWorker start = startedOnThisThreadAfter(() -> self.get().abandon(), self::set);

        // The abandon came from inside send(), just before it returned: the thread goes on uninterrupted.
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        start.abandon();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    // Runs a start on this thread, as its worker would, once `beforeRun` has had it.
    private static OnWorker startedOnThisThreadAfter(OnWorker.Send send, Consumer<OnWorker> beforeRun) {
        OnWorker start = new OnWorker(send, failure -> {
            throw new AssertionError(failure);
        });
        beforeRun.accept(start);
        start.run();
        return start;
    }
}
