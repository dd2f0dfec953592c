package ir.aifo.internal.sse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a stream to an {@link SseEventReader} in given parts, each through a randomly chosen entry
 * point (an array slice with an offset, a heap buffer, a read-only buffer, a direct buffer), then
 * finishes it; records the events and, if the reader threw, what and during which bytes.
 */
final class ChunkedSseFeeder {

    /**
     * @param failure what the reader threw, or {@code null}
     * @param failedFrom the stream offset of the first byte of the read during which it threw
     * @param failedTo the offset just past that read's last byte
     */
    record Fed(List<SseEvent> events, @Nullable RuntimeException failure, long failedFrom, long failedTo) {}

    private ChunkedSseFeeder() {}

    static Fed feed(SseEventReader reader, List<byte[]> parts, SplittableRandom random) {
        List<SseEvent> events = new ArrayList<>();
        int largest = parts.stream().mapToInt(part -> part.length).max().orElse(0);
        // One direct buffer for the whole stream: allocating one per read would dominate the run time.
        ByteBuffer direct = ByteBuffer.allocateDirect(largest);
        long offset = 0;
        for (byte[] part : parts) {
            try {
                feedPart(reader, part, random, direct, events);
            } catch (RuntimeException failure) {
                return new Fed(events, failure, offset, offset + part.length);
            }
            offset += part.length;
        }
        try {
            reader.finish(events::add);
        } catch (RuntimeException failure) {
            return new Fed(events, failure, offset, offset);
        }
        return new Fed(events, null, -1, -1);
    }

    private static void feedPart(
            SseEventReader reader, byte[] part, SplittableRandom random, ByteBuffer direct, List<SseEvent> events) {
        switch (random.nextInt(5)) {
            case 0 -> {
                // The part in the middle of a larger array, so offsets other than 0 are exercised.
                int before = random.nextInt(4);
                byte[] padded = new byte[before + part.length + random.nextInt(4)];
                System.arraycopy(part, 0, padded, before, part.length);
                reader.feed(padded, before, part.length, events::add);
            }
            case 1 -> {
                ByteBuffer buffer = ByteBuffer.allocate(part.length + 2);
                buffer.position(1);
                buffer.put(part);
                buffer.position(1).limit(1 + part.length);
                reader.feed(buffer.slice(), events::add);
            }
            case 2 -> reader.feed(ByteBuffer.wrap(part).asReadOnlyBuffer(), events::add);
            case 3 -> {
                direct.clear();
                direct.put(part).flip();
                reader.feed(direct, events::add);
            }
            default -> reader.feed(ByteBuffer.wrap(part), events::add);
        }
    }
}
