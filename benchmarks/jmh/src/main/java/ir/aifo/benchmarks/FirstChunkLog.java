package ir.aifo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The time from asking to the first chunk of each stream in the measurement iterations (warm-up is
 * left out), written at the end of the trial to the file named by {@value #FILE_PROPERTY} as
 * {@code median p99 count} in microseconds. JMH measures one time per operation; this is the second.
 */
@State(Scope.Thread)
public class FirstChunkLog {

    /** The system property naming the file the figures are written to; nothing is written without it. */
    public static final String FILE_PROPERTY = "aifo.bench.firstChunkFile";

    private long[] nanos = new long[4096];

    private int count;

    private boolean measuring;

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
    }

    void record(long elapsedNanos) {
        if (!measuring) {
            return;
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    @TearDown(Level.Trial)
    public void write() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || count == 0) {
            return;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        String line =
                String.format(Locale.ROOT, "%.1f %.1f %d%n", percentile(sorted, 0.50), percentile(sorted, 0.99), count);
        try {
            Files.writeString(Path.of(file), line);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    // Nearest rank, in microseconds.
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
