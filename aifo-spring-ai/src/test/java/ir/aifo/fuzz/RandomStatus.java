package ir.aifo.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/** HTTP statuses for hostile replies: mostly 200, often another documented one, sometimes nonsense. */
public final class RandomStatus {

    private static final List<Integer> STATUSES = List.of(
            0,
            -1,
            100,
            199,
            201,
            204,
            299,
            301,
            304,
            400,
            401,
            402,
            403,
            404,
            408,
            409,
            422,
            429,
            499,
            500,
            502,
            503,
            504,
            599,
            600,
            999,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE);

    private RandomStatus() {}

    public static int any(SplittableRandom random) {
        return random.nextInt(3) == 0 ? STATUSES.get(random.nextInt(STATUSES.size())) : 200;
    }
}
