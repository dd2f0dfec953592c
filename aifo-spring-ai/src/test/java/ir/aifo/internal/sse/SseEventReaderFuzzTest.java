package ir.aifo.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.fuzz.FuzzCases;
import ir.aifo.fuzz.FuzzLoop;
import ir.aifo.fuzz.PrintableBytes;
import ir.aifo.fuzz.RandomSplits;
import ir.aifo.internal.sse.ChunkedSseFeeder.Fed;
import ir.aifo.internal.sse.ReferenceSseParser.Result;
import ir.aifo.internal.sse.ValidSseStreamGenerator.GeneratedSseStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link SseEventReader}: whatever bytes arrive, in whatever pieces, it yields exactly the
 * events the specification gives (checked against {@link ReferenceSseParser}) or throws
 * {@link SseFormatException} at the byte where an event outgrows the limit, never later, so memory
 * stays bounded; and a well-formed stream decodes to the events it was written from however it is
 * split.
 */
class SseEventReaderFuzzTest {

    private static final int CASES = 10_000;

    private static final int DEFAULT_LIMIT = SseEventReader.DEFAULT_MAX_EVENT_BYTES;

    /** Small limits reach the limit's corners cheaply; the larger ones, repeated, let most streams complete events. */
    private static final int[] LIMITS = {
        1, 2, 3, 7, 16, 64, 100, 256, 1000, 4096, 4096, 65_536, DEFAULT_LIMIT, DEFAULT_LIMIT, DEFAULT_LIMIT
    };

    @Test
    void randomBytesInRandomPiecesYieldTheSpecifiedEventsOrFailAtTheLimit() {
        FuzzLoop.run("SSE reader: random bytes in random pieces", 0x55E_0001L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            int limit = LIMITS[random.nextInt(LIMITS.length)];
            byte[] stream = HostileSseBytesGenerator.generate(random, limit);
            checkAgainstReference(stream, limit, random, () -> FuzzCases.describe(seed));
        });
    }

    @Test
    void validStreamsYieldTheirEventsHoweverSplit() {
        FuzzLoop.run("SSE reader: valid streams in random pieces", 0x55E_0002L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            GeneratedSseStream generated = ValidSseStreamGenerator.generate(random);
            Supplier<String> description = () -> FuzzCases.describe(seed) + "\nstream: "
                    + PrintableBytes.of(generated.bytes()) + "\nexpected: " + generated.events();

            assertThat(ReferenceSseParser.parse(generated.bytes(), DEFAULT_LIMIT)
                            .events())
                    .as(() -> "the reference parser agrees with the generator; " + description.get())
                    .isEqualTo(generated.events());
            for (int split = 0; split < 3; split++) {
                int[] cuts = split == 0 ? new int[0] : RandomSplits.cuts(random, generated.bytes());
                Fed fed = ChunkedSseFeeder.feed(
                        new SseEventReader(), RandomSplits.parts(generated.bytes(), cuts), random);
                assertThat(fed.failure())
                        .as(() -> "cuts " + Arrays.toString(cuts) + "; " + description.get())
                        .isNull();
                assertThat(fed.events())
                        .as(() -> "cuts " + Arrays.toString(cuts) + "; " + description.get())
                        .isEqualTo(generated.events());
            }
        });
    }

    @Test
    void linesAtAndPastTheDefaultLimitFailAtTheirFirstByteOverIt() {
        byte[] persian = "سلام".getBytes(StandardCharsets.UTF_8);
        List<byte[]> streams = List.of(
                // The data line is exactly the limit: accepted.
                concat(ascii("data: "), repeat((byte) 'x', DEFAULT_LIMIT - 6), ascii("\n\ndata: [DONE]\n\n")),
                // One byte more: fails at that byte.
                concat(ascii("data: "), repeat((byte) 'x', DEFAULT_LIMIT - 5), ascii("\n\ndata: [DONE]\n\n")),
                // 20 MB of multi-byte text and no line break: fails once past the limit instead of growing.
                concat(ascii("data: "), repeatPattern(persian, 20 << 20)),
                // A 20 MB comment costs nothing: comments are not buffered.
                concat(ascii(":"), repeat((byte) 'c', 20 << 20), ascii("\ndata: after\n\n")),
                // Many lines of one event add up past the limit.
                repeatPattern(concat(ascii("data: "), repeat((byte) 'y', (1 << 20) - 8), ascii("\r\n")), 9 << 20),
                // An unknown field's line is limited too.
                concat(ascii("x-unknown: "), repeat((byte) 0, DEFAULT_LIMIT + 1), ascii("\n")),
                // Invalid UTF-8 up to the limit is decoded, not rejected.
                concat(ascii("data:"), repeat((byte) 0xFF, DEFAULT_LIMIT - 5), ascii("\r")));
        // The reference's own verdicts on these streams, so that reader and reference cannot agree on a wrong one.
        assertThat(ReferenceSseParser.parse(streams.get(0), DEFAULT_LIMIT).events())
                .extracting(event -> event.data().length())
                .containsExactly(DEFAULT_LIMIT - 6, 6);
        assertThat(ReferenceSseParser.parse(streams.get(1), DEFAULT_LIMIT).failsAtByte())
                .isEqualTo(DEFAULT_LIMIT);
        assertThat(ReferenceSseParser.parse(streams.get(2), DEFAULT_LIMIT).failsAtByte())
                .isEqualTo(DEFAULT_LIMIT);
        assertThat(ReferenceSseParser.parse(streams.get(3), DEFAULT_LIMIT).events())
                .containsExactly(new SseEvent(null, "after", null));
        assertThat(ReferenceSseParser.parse(streams.get(4), DEFAULT_LIMIT).failsAtByte())
                .isBetween(8L << 20, 9L << 20);
        assertThat(ReferenceSseParser.parse(streams.get(5), DEFAULT_LIMIT).failsAtByte())
                .isEqualTo(DEFAULT_LIMIT);
        assertThat(ReferenceSseParser.parse(streams.get(6), DEFAULT_LIMIT).events())
                .extracting(event -> event.data().length())
                .containsExactly(DEFAULT_LIMIT - 5);
        FuzzLoop.runEach(
                "SSE reader: lines around the 8 MiB limit",
                0x55E_0003L,
                streams,
                (stream, seed) -> checkAgainstReference(
                        stream, DEFAULT_LIMIT, new SplittableRandom(seed), () -> "seed 0x" + Long.toHexString(seed)));
    }

    /** Feeds the stream whole and in random pieces, and compares both with the reference. */
    private static void checkAgainstReference(
            byte[] stream, int limit, SplittableRandom random, Supplier<String> caseName) {
        Result expected = ReferenceSseParser.parse(stream, limit);
        int[][] splits = {new int[0], RandomSplits.cuts(random, stream)};
        for (int[] cuts : splits) {
            Supplier<String> description = () -> caseName.get() + "\nlimit " + limit + ", cuts "
                    + (cuts.length > 100 ? cuts.length + " cuts" : Arrays.toString(cuts)) + "\nstream: "
                    + PrintableBytes.of(stream) + "\nexpected: " + abbreviated(expected.events())
                    + (expected.failsAtByte() < 0 ? "" : " then failure at byte " + expected.failsAtByte());
            Fed fed = ChunkedSseFeeder.feed(new SseEventReader(limit), RandomSplits.parts(stream, cuts), random);
            if (fed.failure() != null) {
                assertThat(fed.failure())
                        .as(() -> "only SseFormatException may be thrown; " + description.get())
                        .isInstanceOf(SseFormatException.class);
            }
            if (!fed.events().equals(expected.events())) {
                assertThat(abbreviated(fed.events())).as(description).isEqualTo(abbreviated(expected.events()));
                assertThat(fed.events()).as(description).isEqualTo(expected.events());
            }
            if (expected.failsAtByte() < 0) {
                assertThat(fed.failure()).as(description).isNull();
            } else {
                assertThat(fed.failure()).as(description).isNotNull();
                assertThat(expected.failsAtByte())
                        .as(() -> "thrown during the read that carried the first byte over the limit, read ["
                                + fed.failedFrom() + ", " + fed.failedTo() + "); " + description.get())
                        .isGreaterThanOrEqualTo(fed.failedFrom())
                        .isLessThan(fed.failedTo());
            }
        }
    }

    // Events of megabytes would make a failure message unreadable.
    private static List<String> abbreviated(List<SseEvent> events) {
        return events.stream()
                .map(event -> "SseEvent[event=" + event.event() + ", id=" + event.id() + ", data="
                        + (event.data().length() > 200
                                ? event.data().substring(0, 200) + "…("
                                        + event.data().length() + " chars)"
                                : event.data())
                        + "]")
                .toList();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] repeat(byte value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static byte[] repeatPattern(byte[] pattern, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
