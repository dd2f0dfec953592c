package ir.aifo.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Random ways the network might deliver a byte stream: the cut points between reads, including
 * empty reads, a read per byte, and cuts right after every CR (so a CRLF straddles two reads).
 */
public final class RandomSplits {

    private RandomSplits() {}

    /** Sorted cut points in {@code [0, length]}, repeats allowed (an empty read); parts lie between them. */
    public static int[] cuts(SplittableRandom random, byte[] bytes) {
        int length = bytes.length;
        return switch (random.nextInt(6)) {
            case 0 -> new int[0];
            case 1 ->
                length > 4096
                        ? randomCuts(random, length, 64)
                        : IntStream.range(1, length).toArray();
            case 2 -> afterEveryCr(random, bytes);
            case 3 -> randomCuts(random, length, 2);
            default -> randomCuts(random, length, 1 + random.nextInt(40));
        };
    }

    /** The parts between the cut points, in order; their concatenation is {@code bytes}. */
    public static List<byte[]> parts(byte[] bytes, int[] cuts) {
        List<byte[]> parts = new ArrayList<>(cuts.length + 1);
        int from = 0;
        for (int cut : cuts) {
            parts.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        parts.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return parts;
    }

    private static int[] randomCuts(SplittableRandom random, int length, int count) {
        return random.ints(count, 0, length + 1).sorted().toArray();
    }

    private static int[] afterEveryCr(SplittableRandom random, byte[] bytes) {
        IntStream crs =
                IntStream.range(0, bytes.length).filter(i -> bytes[i] == '\r').map(i -> i + 1);
        return IntStream.concat(crs, random.ints(random.nextInt(5), 0, bytes.length + 1))
                .sorted()
                .toArray();
    }
}
