package ir.aifo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Where the streams client's steps run: which thread may start an exchange itself, and which may not. */
class StreamExecutorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StreamExecutor executor = StreamExecutor.shared();

    @Test
    void whatAThreadThatMayBlockHandsOnWhileStartingAnExchangeRunsOnThatThread() {
        String caller = Thread.currentThread().getName();

        String ranOn = StreamExecutor.start(() -> threadThatRuns());

        assertThat(ranOn).isEqualTo(caller);
    }

    @Test
    void whatANonBlockingThreadHandsOnWhileStartingAnExchangeGoesToAWorker() {
        // A parallel scheduler's thread is one of Reactor's non-blocking ones, as a WebFlux event loop is.
        String[] threads = Mono.fromCallable(() ->
                        new String[] {Thread.currentThread().getName(), StreamExecutor.start(() -> threadThatRuns())})
                .subscribeOn(Schedulers.parallel())
                .block(TIMEOUT);

        assertThat(threads[0]).startsWith("parallel-");
        assertThat(threads[1]).startsWith("aifo-stream-");
    }

    @Test
    void whatAThreadHandsOnOutsideTheStartOfAnExchangeGoesToAWorker() {
        StreamExecutor.start(() -> "started");

        // Later steps (asking for more events, a reply's bytes from the selector) never run on the caller.
        assertThat(threadThatRuns()).startsWith("aifo-stream-");
    }

    @Test
    void whatAWorkerHandsOnRunsOnThatWorker() throws Exception {
        CompletableFuture<String[]> threads = new CompletableFuture<>();
        executor.execute(
                () -> threads.complete(new String[] {Thread.currentThread().getName(), threadThatRuns()}));

        String[] ranOn = threads.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(ranOn[0]).startsWith("aifo-stream-");
        assertThat(ranOn[1]).isEqualTo(ranOn[0]);
    }

    // The thread on which a task handed to the executor now runs.
    private String threadThatRuns() {
        CompletableFuture<String> thread = new CompletableFuture<>();
        executor.execute(() -> thread.complete(Thread.currentThread().getName()));
        try {
            return thread.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }
}
