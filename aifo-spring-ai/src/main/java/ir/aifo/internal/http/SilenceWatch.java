package ir.aifo.internal.http;

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
 * Calls back once when a transfer has waited for bytes for longer than a limit, or has run past its
 * deadline.
 *
 * <p>Silence counts only while the transfer is waiting for the hub: a watch is paused while the bytes
 * that arrived are handed on, so a slow consumer is never taken for a silent hub.
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

    private final @Nullable Deadline deadline;

    private final Runnable onDeadline;

    private volatile long lastActivityNanos;

    private volatile boolean paused;

    private final AtomicBoolean stopped = new AtomicBoolean();

    SilenceWatch(Duration limit, Runnable onSilence) {
        this(limit, onSilence, null, () -> {});
    }

    /**
     * @param deadline when the transfer must be over, however busy; {@code null} for none
     * @param onDeadline called instead of {@code onSilence} once the deadline has passed
     */
    SilenceWatch(Duration limit, Runnable onSilence, @Nullable Deadline deadline, Runnable onDeadline) {
        this.limitNanos = limit.toNanos();
        this.onSilence = onSilence;
        this.deadline = deadline;
        this.onDeadline = onDeadline;
    }

    void start() {
        touch();
        WATCHDOG.watch(this);
    }

    /** Records that bytes arrived. */
    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Stops counting silence: the transfer is not waiting for the hub (its bytes are being handed on). */
    void pause() {
        paused = true;
    }

    /** Counts silence again, from now: the transfer waits for the hub's next bytes. */
    void resume() {
        touch();
        paused = false;
    }

    void stop() {
        stopped.set(true);
        WATCHDOG.forget(this);
    }

    long limitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(limitNanos);
    }

    // How far ahead this watch may next need to fire: the silence limit, or sooner for a near deadline.
    private long horizonNanos() {
        if (deadline == null) {
            return limitNanos;
        }
        return Math.min(limitNanos, Math.max(0, deadline.expiresAtNanos() - System.nanoTime()));
    }

    /** Fires the callback once the silence has lasted the limit; {@code true} when this watch is done. */
    private boolean check(long now) {
        if (stopped.get()) {
            return true;
        }
        boolean pastDeadline = deadline != null && now - deadline.expiresAtNanos() >= 0;
        if (!pastDeadline && (paused || now - lastActivityNanos < limitNanos)) {
            return false;
        }
        if (stopped.compareAndSet(false, true)) {
            (pastDeadline ? onDeadline : onSilence).run();
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
            long wanted = sleepFor(watch.horizonNanos());
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
                        shortest = Math.min(shortest, sleepFor(watch.horizonNanos()));
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
