package ir.aifo.fuzz;

import java.util.SplittableRandom;

/**
 * The seeds of a fuzz test's cases: derived from a fixed base seed, so every run generates the same
 * cases and a failure reproduces; each case gets its own seed, printed when it fails.
 *
 * <p>To re-run one failing case alone, pass its seed: {@code -Daifo.fuzz.seed=0x1234abcd}.
 */
public final class FuzzCases {

    /** The system property that replaces a test's cases with the one case of this seed. */
    public static final String REPLAY_PROPERTY = "aifo.fuzz.seed";

    private FuzzCases() {}

    /** {@code count} case seeds derived from {@code baseSeed}, or the replayed seed alone. */
    public static long[] seeds(long baseSeed, int count) {
        String replay = System.getProperty(REPLAY_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            return new long[] {Long.decode(replay.trim())};
        }
        SplittableRandom random = new SplittableRandom(baseSeed);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = random.nextLong();
        }
        return seeds;
    }

    /** How a case is named in a failure message: its seed, and how to run it alone. */
    public static String describe(long seed) {
        String hex = "0x" + Long.toHexString(seed);
        return "case seed " + hex + " (re-run alone with -D" + REPLAY_PROPERTY + "=" + hex + ")";
    }
}
