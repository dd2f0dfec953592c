package ir.aifo.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of the JDK client that streams: a task runs on the thread that submits it, unless that
 * is the client's selector thread, which hands it to a pool of worker threads.
 *
 * <p>The JDK client's public {@code sendAsync} hands every step of an exchange to the client's
 * executor, to force it off the caller's thread, and its executor by default is a pool: in
 * {@code benchmarks/} a stream passed through several worker threads before its first event. Its
 * blocking {@code send} runs those steps where they are, and moves off only the selector thread,
 * which must go on serving every other connection. This executor gives {@code sendAsync} that rule:
 * the request is written from the subscriber's thread, and the events, which reach the application's
 * code, are still read and handed on by a worker, never by the selector.
 */
final class StreamExecutor implements Executor {

    // The JDK client's selector thread is an instance of this class (JDK 17 to 25).
    private static final String SELECTOR_THREAD = "jdk.internal.net.http.HttpClientImpl$SelectorManager";

    private static final StreamExecutor SHARED = new StreamExecutor(newWorkerPool());

    private final Executor workers;

    StreamExecutor(Executor workers) {
        this.workers = workers;
    }

    /** One for every client: its workers are daemons, made as needed and gone after a minute idle. */
    static StreamExecutor shared() {
        return SHARED;
    }

    @Override
    public void execute(Runnable task) {
        if (onSelectorThread()) {
            workers.execute(task);
        } else {
            task.run();
        }
    }

    static boolean onSelectorThread() {
        return Thread.currentThread().getClass().getName().equals(SELECTOR_THREAD);
    }

    private static ExecutorService newWorkerPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aifo-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
