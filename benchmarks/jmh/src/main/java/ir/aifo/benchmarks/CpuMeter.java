package ir.aifo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The CPU time the benchmark JVM spent per operation in the measurement iterations, all its threads
 * together (the client's I/O and pool threads too, the stub hub runs elsewhere), written at the end
 * of the trial to the file named by {@value #FILE_PROPERTY} in microseconds.
 *
 * <p>On a busy machine latency swings with whatever else runs, while CPU time per operation stays
 * close to the work a client really does; the two together tell cost from waiting.
 */
@State(Scope.Benchmark)
public class CpuMeter {

    /** The system property naming the file the figure is written to; nothing is written without it. */
    public static final String FILE_PROPERTY = "aifo.bench.cpuFile";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final LongAdder ops = new LongAdder();

    private boolean measuring;

    private long cpuAtStart;

    private long cpuNanos;

    private long measuredOps;

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        ops.reset();
        cpuAtStart = os.getProcessCpuTime();
    }

    void count() {
        ops.increment();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (measuring) {
            cpuNanos += os.getProcessCpuTime() - cpuAtStart;
            measuredOps += ops.sum();
        }
    }

    @TearDown(Level.Trial)
    public void write() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || measuredOps == 0) {
            return;
        }
        try {
            Files.writeString(Path.of(file), String.format(Locale.ROOT, "%.1f%n", cpuNanos / 1000.0 / measuredOps));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
