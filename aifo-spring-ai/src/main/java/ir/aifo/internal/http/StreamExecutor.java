package ir.aifo.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of the JDK client that streams, and the threads that send a stream's request where
 * that is done by a worker ({@link StreamStart}): a task submitted on one of its worker threads runs
 * there and then, any other task (from the client's selector thread, or from a subscriber's) goes to
 * a worker.
 *
 * <p>The JDK client hands a worker what its selector thread receives, since it reaches the
 * application's code and the selector serves every other connection; a step that a worker hands on
 * stays on that worker instead of going to yet another thread.
 */
final class StreamExecutor implements Executor {

    private static final StreamExecutor SHARED = new StreamExecutor();

    private static final long IDLE_SECONDS = 5;

    private final AtomicInteger count = new AtomicInteger();

    // Daemons, made as needed, like the JDK client's own; gone after a few seconds idle rather than its
    // minute, since a burst of streams may have held one each while waiting for its headers (StreamStart).
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

    @Override
    public void execute(Runnable task) {
        if (Thread.currentThread() instanceof Worker) {
            task.run();
        } else {
            workers.execute(task);
        }
    }

    /** Runs {@code task} on a worker, even when called from one: it may block. */
    void executeOnAnotherThread(Runnable task) {
        workers.execute(task);
    }

    private static final class Worker extends Thread {

        Worker(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
