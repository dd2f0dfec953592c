package ir.aifo.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.scheduler.Schedulers;

/**
 * The executor of the JDK client that streams: a task submitted on one of its worker threads runs
 * there and then; a task submitted while a thread that may block starts an exchange ({@link #start})
 * runs there too; any other task (from the client's selector thread, or from a subscriber's) goes to
 * a worker.
 *
 * <p>The JDK client hands a worker what its selector thread receives, since it reaches the
 * application's code and the selector serves every other connection; a step that a worker hands on
 * stays on that worker instead of going to yet another thread.
 */
final class StreamExecutor implements Executor {

    private static final StreamExecutor SHARED = new StreamExecutor();

    private static final long IDLE_SECONDS = 5;

    // Set on a thread that may block while it starts an exchange.
    private static final ThreadLocal<Boolean> STARTING = new ThreadLocal<>();

    private final AtomicInteger count = new AtomicInteger();

    // Daemons, made as needed, like the JDK client's own; gone after a few seconds idle rather than its
    // minute, since a burst of streams may have read on one each.
    private final ExecutorService workers = new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> new Worker(task, "aifo-stream-" + count.incrementAndGet()));

    private StreamExecutor() {}

    /** One for every client. */
    static StreamExecutor shared() {
        return SHARED;
    }

    /**
     * Starts an exchange with the JDK's {@code sendAsync}: the steps it hands this executor while it
     * runs, up to the request's being sent, run on this thread, as the blocking {@code send} runs them on
     * its caller, rather than waiting for a worker to wake and take them (measured in
     * {@code benchmarks/}: a visible share of a stream's first chunk and CPU). Not on one of Reactor's
     * non-blocking threads (a WebFlux event loop, a parallel scheduler), which must not wait for a name
     * lookup or a TLS handshake: from there they go to a worker, and stay on it.
     */
    static <T> T start(Supplier<T> exchange) {
        if (Thread.currentThread() instanceof Worker || STARTING.get() != null || Schedulers.isInNonBlockingThread()) {
            return exchange.get();
        }
        STARTING.set(Boolean.TRUE);
        try {
            return exchange.get();
        } finally {
            STARTING.remove();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (Thread.currentThread() instanceof Worker || STARTING.get() != null) {
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
