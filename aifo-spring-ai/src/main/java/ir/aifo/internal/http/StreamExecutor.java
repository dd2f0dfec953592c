package ir.aifo.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of the JDK client that streams: a task submitted on one of its worker threads runs
 * there and then; a task submitted anywhere else (the subscriber's thread, the client's selector
 * thread) goes to a worker.
 *
 * <p>The JDK client's public {@code sendAsync} hands every step of an exchange to the client's
 * executor, and with a plain pool each step meant a hand-off to another thread: in
 * {@code benchmarks/} a stream passed through several before its first event. Here only the first step
 * leaves the subscriber's thread, which may be an event loop that must not wait for a name lookup
 * or a TLS handshake, and the steps that follow run on the worker that took it, as the JDK's blocking
 * {@code send} runs them on its caller. What the selector thread hands on (the reply's bytes) still
 * goes to a worker, since it reaches the application's code, and the selector serves every other
 * connection.
 */
final class StreamExecutor implements Executor {

    private static final StreamExecutor SHARED = new StreamExecutor();

    private final AtomicInteger count = new AtomicInteger();

    // Daemons, made as needed and gone after a minute idle, like the JDK client's own.
    private final ExecutorService workers =
            Executors.newCachedThreadPool(task -> new Worker(task, "aifo-stream-" + count.incrementAndGet()));

    private StreamExecutor() {}

    /** One for every client. */
    static StreamExecutor shared() {
        return SHARED;
    }

    @Override
    public void execute(Runnable task) {
        if (Thread.currentThread() instanceof Worker) {
            task.run();
        } else {
            workers.execute(task);
        }
    }

    private static final class Worker extends Thread {

        Worker(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
