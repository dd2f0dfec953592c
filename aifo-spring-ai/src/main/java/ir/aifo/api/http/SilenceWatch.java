package ir.aifo.api.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls back once when a transfer has seen no bytes for longer than a limit.
 *
 * <p>Every watch is checked by one shared daemon thread, every quarter of the shortest limit (at most a
 * second apart), rather than by a timer of its own: arming and cancelling a timer for each call woke a
 * scheduler thread per call, which a short call paid in full. A watch now costs an insertion into and a
 * removal from a concurrent set, and a busy transfer a timestamp per buffer; the callback comes at most
 * a quarter of the limit, or a second, after the limit.
 */
final class SilenceWatch {

    private static final Watchdog WATCHDOG = new Watchdog();

    private final long limitNanos;

    private final Runnable onSilence;

    private volatile long lastActivityNanos;

    private final AtomicBoolean stopped = new AtomicBoolean();

    SilenceWatch(Duration limit, Runnable onSilence) {
        this.limitNanos = limit.toNanos();
        this.onSilence = onSilence;
    }

    void start() {
        touch();
        WATCHDOG.watch(this);
    }

    /** Records that bytes arrived. */
    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    void stop() {
        stopped.set(true);
        WATCHDOG.forget(this);
    }

    long limitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(limitNanos);
    }

    /** Fires the callback once the silence has lasted the limit; {@code true} when this watch is done. */
    private boolean check(long now) {
        if (stopped.get()) {
            return true;
        }
        if (now - lastActivityNanos < limitNanos) {
            return false;
        }
        if (stopped.compareAndSet(false, true)) {
            onSilence.run();
        }
        return true;
    }

    /** The thread that checks every started watch, and sleeps without a timer while there are none. */
    private static final class Watchdog implements Runnable {

        private static final Log logger = LogFactory.getLog(SilenceWatch.class);

        private static final long LONGEST_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

        private static final long SHORTEST_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

        private final Set<SilenceWatch> watches = ConcurrentHashMap.newKeySet();

        private final AtomicBoolean idle = new AtomicBoolean();

        private volatile long sleepNanos = LONGEST_SLEEP_NANOS;

        private volatile @Nullable Thread thread;

        void watch(SilenceWatch watch) {
            watches.add(watch);
            Thread current = thread;
            if (current == null) {
                current = start();
            }
            // Woken only from an idle sleep, or to check sooner for a shorter limit: not once per call.
            long wanted = sleepFor(watch.limitNanos);
            if (wanted < sleepNanos) {
                sleepNanos = wanted;
                LockSupport.unpark(current);
            } else if (idle.get() && idle.compareAndSet(true, false)) {
                LockSupport.unpark(current);
            }
        }

        void forget(SilenceWatch watch) {
            watches.remove(watch);
        }

        private synchronized Thread start() {
            Thread current = thread;
            if (current == null) {
                current = new Thread(this, "aifo-silence-watchdog");
                current.setDaemon(true);
                current.start();
                thread = current;
            }
            return current;
        }

        @Override
        public void run() {
            while (true) {
                if (watches.isEmpty()) {
                    idle.set(true);
                    if (watches.isEmpty()) {
                        LockSupport.park(this);
                    }
                    idle.set(false);
                }
                LockSupport.parkNanos(this, sleepNanos);
                long now = System.nanoTime();
                long shortest = LONGEST_SLEEP_NANOS;
                for (SilenceWatch watch : watches) {
                    if (checked(watch, now)) {
                        watches.remove(watch);
                    } else {
                        shortest = Math.min(shortest, sleepFor(watch.limitNanos));
                    }
                }
                sleepNanos = shortest;
            }
        }

        private static boolean checked(SilenceWatch watch, long now) {
            try {
                return watch.check(now);
            } catch (RuntimeException failure) {
                // One callback's failure must not stop the checks of every other transfer.
                logger.warn("A read-timeout callback failed", failure);
                return true;
            }
        }

        private static long sleepFor(long limitNanos) {
            return Math.max(SHORTEST_SLEEP_NANOS, Math.min(LONGEST_SLEEP_NANOS, limitNanos / 4));
        }
    }
}
