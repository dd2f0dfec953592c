package ir.aifo.api.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Calls back once when a transfer has seen no bytes for longer than a limit.
 *
 * <p>One timer per silent period rather than one per buffer: when it fires early it re-arms for the
 * time still left, so a busy stream costs a timestamp per buffer and nothing more.
 */
final class SilenceWatch {

    private final long limitNanos;

    private final Runnable onSilence;

    private volatile long lastActivityNanos;

    private volatile boolean stopped;

    private volatile @Nullable Disposable timer;

    SilenceWatch(Duration limit, Runnable onSilence) {
        this.limitNanos = limit.toNanos();
        this.onSilence = onSilence;
    }

    void start() {
        touch();
        schedule(limitNanos);
    }

    /** Records that bytes arrived. */
    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    void stop() {
        stopped = true;
        Disposable current = timer;
        if (current != null) {
            current.dispose();
        }
    }

    long limitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(limitNanos);
    }

    private void schedule(long delayNanos) {
        timer = Schedulers.parallel().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (stopped) {
            return;
        }
        long silentNanos = System.nanoTime() - lastActivityNanos;
        if (silentNanos < limitNanos) {
            schedule(limitNanos - silentNanos);
        } else {
            onSilence.run();
        }
    }
}
