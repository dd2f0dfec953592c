package ir.aifo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Two sides of one benchmark taking turns by iteration within a fork, A B B A A B B A... (warm-up
 * included), A being the side named first: so both share the JIT's profile, the connection pool and the
 * machine's noise of the moment, and their ratio is taken within one process.
 *
 * <p>A benchmark's state asks at each iteration's start which side runs it, counts its operations, and
 * says when the iteration ends. Each measured iteration's side, the JVM's CPU time in it (all threads) and
 * its operations are written at the end of the trial, one line each, to the file named by {@value
 * #SIDES_FILE_PROPERTY}; {@link TurnsSuite} splits JMH's per-iteration results (latency samples, {@code
 * gc.alloc.rate.norm}) by side with it.
 */
final class Turns {

    /** The system property naming the file the sides of the measured iterations are written to. */
    static final String SIDES_FILE_PROPERTY = "aifo.bench.sidesFile";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String first;

    private final String second;

    private final StringBuilder log = new StringBuilder();

    private String current;

    private int iterationsStarted;

    private boolean measuring;

    private long cpuAtStart;

    private long ops;

    /** Turns of {@code first}, the side of the fork's first iteration, and {@code second}. */
    Turns(String first, String second) {
        this.first = first;
        this.second = second;
        this.current = first;
    }

    /** Starts an iteration; returns the side that runs it. */
    String begin(IterationParams iteration) {
        // A B B A A B...: each pair of iterations holds both sides, and a steady drift (the end of warm-up,
        // the machine's load changing) favours neither, where A B A B... would favour the same side each pair.
        int index = iterationsStarted++;
        current = (index + index / 2) % 2 == 0 ? first : second;
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        ops = 0;
        cpuAtStart = os.getProcessCpuTime();
        return current;
    }

    /** Counts one operation of the current iteration. */
    void count() {
        ops++;
    }

    /** Ends the iteration {@link #begin} started, logging it when it was measured. */
    void end() {
        if (measuring) {
            long cpu = os.getProcessCpuTime() - cpuAtStart;
            log.append(current).append(' ').append(cpu).append(' ').append(ops).append('\n');
        }
    }

    /** Writes the log of the measured iterations to the file the suite named, if it named one. */
    void writeLog() {
        String file = System.getProperty(SIDES_FILE_PROPERTY);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), log);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }
}
