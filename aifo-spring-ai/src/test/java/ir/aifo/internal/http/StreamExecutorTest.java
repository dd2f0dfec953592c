package ir.aifo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where the streams client's steps run: on the thread that starts an exchange when it may block, on
 * the worker that handed them on, or on a worker.
 */
class StreamExecutorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StreamExecutor executor = StreamExecutor.shared();

    @Test
    void whatAThreadOtherThanAWorkerHandsOnGoesToAWorker() {
        // As the client's selector thread does with a reply's bytes, and a subscriber's thread asking for more.
        assertThat(threadThatRuns(executor::execute)).startsWith("aifo-stream-");
    }

    @Test
    void whatAWorkerHandsOnRunsOnThatWorker() {
        String[] ranOn = onAWorker(() -> threadThatRuns(executor::execute));

        assertThat(ranOn[0]).startsWith("aifo-stream-");
        assertThat(ranOn[1]).isEqualTo(ranOn[0]);
    }

    @Test
    void whatAThreadThatMayBlockHandsOnWhileStartingAnExchangeRunsOnThatThread() {
        String caller = Thread.currentThread().getName();

        assertThat(StreamExecutor.start(() -> threadThatRuns(executor::execute)))
                .isEqualTo(caller);
    }

    @Test
    void whatANonBlockingThreadHandsOnWhileStartingAnExchangeGoesToAWorker() {
        // A parallel scheduler's thread is one of Reactor's non-blocking ones, as a WebFlux event loop is.
        String[] ranOn = Mono.fromCallable(() -> new String[] {
                    Thread.currentThread().getName(), StreamExecutor.start(() -> threadThatRuns(executor::execute))
                })
                .subscribeOn(Schedulers.parallel())
                .block(TIMEOUT);

        assertThat(ranOn[0]).startsWith("parallel-");
        assertThat(ranOn[1]).startsWith("aifo-stream-");
    }

    @Test
    void whatAThreadHandsOnOnceItHasStartedAnExchangeGoesToAWorker() {
        StreamExecutor.start(() -> "started");

        // Its later steps (asking for more events, say) never run inside the subscriber's own call.
        assertThat(threadThatRuns(executor::execute)).startsWith("aifo-stream-");
    }

    @Test
    void aStartInsideAStartLeavesTheOuterOneOnItsThread() {
        String caller = Thread.currentThread().getName();

        String afterInner = StreamExecutor.start(() -> {
            StreamExecutor.start(() -> "inner");
            return threadThatRuns(executor::execute);
        });

        assertThat(afterInner).isEqualTo(caller);
    }

    // The worker's name, and what the task returned there.
    private String[] onAWorker(Supplier<String> task) {
        CompletableFuture<String[]> threads = new CompletableFuture<>();
        executor.execute(
                () -> threads.complete(new String[] {Thread.currentThread().getName(), task.get()}));
        return await(threads);
    }

    // The thread on which a task handed to the executor this way runs.
    private static String threadThatRuns(Consumer<Runnable> handOn) {
        CompletableFuture<String> thread = new CompletableFuture<>();
        handOn.accept(() -> thread.complete(Thread.currentThread().getName()));
        return await(thread);
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }
}
