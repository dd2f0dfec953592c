package ir.aifo.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.ObjLongConsumer;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a fuzz test's cases under {@code assertTimeoutPreemptively}, so a case that hangs fails the
 * build (naming the case) instead of stalling it. One timed thread runs all cases: a thread per case
 * would cost more than the cases themselves. A case that returns but took longer than {@link
 * #CASE_LIMIT} fails too, as a hang in the making. Prints how many cases ran and how long they took.
 */
public final class FuzzLoop {

    /**
     * The longest one case may take; the largest cases (10 MB bodies) take about a second, but one took
     * 13 s in a fresh-clone build on a busy 2-core machine, so a hang is told from a slow machine with room.
     */
    public static final Duration CASE_LIMIT = Duration.ofSeconds(30);

    /** The longest all cases of one test may take; generous, since build machines are shared. */
    public static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private FuzzLoop() {}

    /** Runs {@code test} for each of {@code count} seeds derived from {@code baseSeed} (see {@link FuzzCases}). */
    public static void run(String name, long baseSeed, int count, LongConsumer test) {
        long[] seeds = FuzzCases.seeds(baseSeed, count);
        timed(name, seeds.length, i -> test.accept(seeds[i]), i -> FuzzCases.describe(seeds[i]));
    }

    /**
     * Runs {@code test} once for each of a fixed list of inputs (such as a few 10 MB bodies), each with
     * its own seed for whatever else it varies; all of them always run, whatever seed is replayed.
     */
    public static <T> void runEach(String name, long baseSeed, List<T> inputs, ObjLongConsumer<T> test) {
        long[] seeds = new SplittableRandom(baseSeed).longs(inputs.size()).toArray();
        timed(
                name,
                inputs.size(),
                i -> test.accept(inputs.get(i), seeds[i]),
                i -> "input " + i + " of the list, with seed 0x" + Long.toHexString(seeds[i]));
    }

    private static void timed(String name, int count, IntConsumer test, IntFunction<String> describe) {
        int[] current = {0};
        long started = System.nanoTime();
        assertTimeoutPreemptively(
                RUN_LIMIT,
                () -> {
                    for (int i = 0; i < count; i++) {
                        current[0] = i;
                        long caseStarted = System.nanoTime();
                        test.accept(i);
                        Duration took = Duration.ofNanos(System.nanoTime() - caseStarted);
                        if (took.compareTo(CASE_LIMIT) > 0) {
                            throw new AssertionFailedError("A case took " + took.toMillis() + " ms, over the limit of "
                                    + CASE_LIMIT + ": " + describe.apply(i));
                        }
                    }
                },
                () -> "Cases did not finish within " + RUN_LIMIT + "; the one running was "
                        + describe.apply(current[0]));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[fuzz] %s: %d cases in %d ms%n", name, count, millis);
    }
}
