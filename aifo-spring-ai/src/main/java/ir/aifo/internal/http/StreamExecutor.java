package ir.aifo.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.scheduler.Schedulers;

/**
 * The executor of the JDK client that streams: a task submitted on one of its worker threads runs
 * there and then; a task submitted while a thread that may block starts an exchange ({@link #start})
 * runs there too; any other task (from an event loop, or the client's selector thread) goes to a
 * worker.
 *
 * <p>The JDK client's public {@code sendAsync} hands every step of an exchange to the client's
 * executor, and with a plain pool each step meant a hand-off to another thread: in
 * {@code benchmarks/} a stream passed through several before its first event. Here the steps up to
 * the request's being sent run on the thread that subscribed, as the JDK's blocking {@code send} runs
 * them on its caller, unless that thread is one of Reactor's non-blocking ones (a WebFlux event loop,
 * a parallel scheduler), which must not wait for a name lookup or a TLS handshake: from there they
 * leave once, and stay on the worker that took them. What the selector thread hands on (the reply's
 * bytes) always goes to a worker, since it reaches the application's code, and the selector serves
 * every other connection; so does anything the subscribing thread does later (asking for more
 * events, say), so that events never arrive inside a subscriber's request. A reply that is already
 * there before the subscribing thread has finished starting the exchange can be read on that thread,
 * as it would be by the blocking {@code send}: its first events then reach the subscriber inside
 * {@code subscribe}, which Reactive Streams allows and Reactor's operators expect.
 */
final class StreamExecutor implements Executor {

    private static final StreamExecutor SHARED = new StreamExecutor();

    // Set on a thread that may block while it starts an exchange.
    private static final ThreadLocal<Boolean> STARTING = new ThreadLocal<>();

    private final AtomicInteger count = new AtomicInteger();

    // Daemons, made as needed and gone after a minute idle, like the JDK client's own.
    private final ExecutorService workers =
            Executors.newCachedThreadPool(task -> new Worker(task, "aifo-stream-" + count.incrementAndGet()));

    private StreamExecutor() {}

    /** One for every client. */
    static StreamExecutor shared() {
        return SHARED;
    }

    /**
     * Starts an exchange: what the client hands this executor meanwhile runs on this thread, unless it
     * is a non-blocking one.
     */
    static <T> T start(Supplier<T> exchange) {
        if (Thread.currentThread() instanceof Worker || Schedulers.isInNonBlockingThread()) {
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
