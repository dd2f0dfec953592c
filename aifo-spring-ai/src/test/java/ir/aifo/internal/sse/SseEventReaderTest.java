package ir.aifo.internal.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    private static final String CHUNK_PREFIX =
            "{\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1718000000,"
                    + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":";

    private static final List<String> CHUNKS = List.of(
            CHUNK_PREFIX + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
            CHUNK_PREFIX + "{\"content\":\"سلام\"},\"finish_reason\":null}]}",
            CHUNK_PREFIX + "{\"content\":\"، حال شما چطور است؟\"},\"finish_reason\":null}]}",
            CHUNK_PREFIX + "{\"content\":\" 😀 ۱۲۳\"},\"finish_reason\":null}]}",
            CHUNK_PREFIX + "{},\"finish_reason\":\"stop\"}]}");

    /** An OpenAI chat-completions stream, with a keep-alive and mixed line endings as hubs send them. */
    private static final byte[] OPENAI_STREAM = utf8("data: " + CHUNKS.get(0) + "\n\n"
            + ": keep-alive\n\n"
            + "data: " + CHUNKS.get(1) + "\r\n\r\n"
            + "data: " + CHUNKS.get(2) + "\n\n"
            + "data: " + CHUNKS.get(3) + "\r\r"
            + "data: " + CHUNKS.get(4) + "\n\n"
            + "data: [DONE]\n\n");

    private static final List<SseEvent> OPENAI_EVENTS = List.of(
            new SseEvent(null, CHUNKS.get(0), null),
            new SseEvent(null, CHUNKS.get(1), null),
            new SseEvent(null, CHUNKS.get(2), null),
            new SseEvent(null, CHUNKS.get(3), null),
            new SseEvent(null, CHUNKS.get(4), null),
            new SseEvent(null, "[DONE]", null));

    @Test
    void dispatchesSingleEventTerminatedByLf() {
        assertThat(decode("data: hello\n\n")).containsExactly(new SseEvent(null, "hello", null));
    }

    @Test
    void acceptsCrlfLineEndings() {
        assertThat(decode("event: greeting\r\ndata: hello\r\n\r\ndata: again\r\n\r\n"))
                .containsExactly(new SseEvent("greeting", "hello", null), new SseEvent(null, "again", null));
    }

    @Test
    void acceptsCrOnlyLineEndings() {
        assertThat(decode("data: one\r\rdata: two\rdata: three\r\r"))
                .containsExactly(new SseEvent(null, "one", null), new SseEvent(null, "two\nthree", null));
    }

    @Test
    void crlfSplitAcrossReadsIsOneLineBreak() {
        // Were the LF a second line break, it would be a blank line dispatching "a" without "b".
        assertThat(decode("data: a\r", "\ndata: b\r", "\n\r", "\n")).containsExactly(new SseEvent(null, "a\nb", null));
    }

    @Test
    void crAtEndOfReadFollowedByCrIsTwoLineBreaks() {
        assertThat(decode("data: a\r", "\rdata: b\n\n"))
                .containsExactly(new SseEvent(null, "a", null), new SseEvent(null, "b", null));
    }

    @Test
    void crAtEndOfEmptyReadStillPairsWithLfOfLaterRead() {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();
        reader.feed(utf8("data: a\r"), 0, 8, events::add);
        reader.feed(new byte[0], 0, 0, events::add);
        reader.feed(utf8("\ndata: b\n\n"), 0, 10, events::add);

        assertThat(events).containsExactly(new SseEvent(null, "a\nb", null));
    }

    @Test
    void everySplitPointOfRealisticStreamYieldsSameEvents() {
        assertThat(decode(OPENAI_STREAM)).isEqualTo(OPENAI_EVENTS);
        for (int split = 0; split <= OPENAI_STREAM.length; split++) {
            byte[] first = Arrays.copyOfRange(OPENAI_STREAM, 0, split);
            byte[] second = Arrays.copyOfRange(OPENAI_STREAM, split, OPENAI_STREAM.length);

            assertThat(decode(first, second)).as("split at byte %d", split).isEqualTo(OPENAI_EVENTS);
        }
    }

    @Test
    void randomMultiSplitsOfRealisticStreamYieldSameEvents() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 500; round++) {
            int[] cuts = random.ints(1 + random.nextInt(40), 0, OPENAI_STREAM.length + 1)
                    .sorted()
                    .toArray();
            List<byte[]> parts = new ArrayList<>();
            int from = 0;
            for (int cut : cuts) {
                parts.add(Arrays.copyOfRange(OPENAI_STREAM, from, cut));
                from = cut;
            }
            parts.add(Arrays.copyOfRange(OPENAI_STREAM, from, OPENAI_STREAM.length));

            assertThat(decode(parts.toArray(byte[][]::new)))
                    .as("cuts %s", Arrays.toString(cuts))
                    .isEqualTo(OPENAI_EVENTS);
        }
    }

    @Test
    void byteByByteFeedingYieldsSameEvents() {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();
        for (byte b : OPENAI_STREAM) {
            reader.feed(new byte[] {b}, 0, 1, events::add);
        }
        reader.finish(events::add);

        assertThat(events).isEqualTo(OPENAI_EVENTS);
    }

    @Test
    void multiByteCharacterSplitAcrossReadsSurvives() {
        byte[] bytes = utf8("data: سلام دنیا\n\n");
        // Byte 7 is inside "س", whose UTF-8 encoding is two bytes starting at index 6.
        assertThat(decode(Arrays.copyOfRange(bytes, 0, 7), Arrays.copyOfRange(bytes, 7, bytes.length)))
                .containsExactly(new SseEvent(null, "سلام دنیا", null));
    }

    @Test
    void joinsMultiLineDataWithNewline() {
        assertThat(decode("data: first\ndata: second\ndata:\ndata: fourth\n\n"))
                .containsExactly(new SseEvent(null, "first\nsecond\n\nfourth", null));
    }

    @Test
    void joinsMultiLineDataInterleavedWithOtherFields() {
        assertThat(decode("data: {\"a\":\nid: 7\n: note\ndata: 1}\nevent: json\n\n"))
                .containsExactly(new SseEvent("json", "{\"a\":\n1}", "7"));
    }

    @Test
    void ignoresCommentKeepAliveLines() {
        assertThat(decode(": ping\n\n:\n\ndata: real\n: ping in the middle\n\n: ping\n\n"))
                .containsExactly(new SseEvent(null, "real", null));
    }

    @Test
    void commentSplitAcrossReadsIsIgnored() {
        assertThat(decode(": keep", "-alive\r", "\ndata: x\n", "\n")).containsExactly(new SseEvent(null, "x", null));
    }

    @Test
    void keepsValueWhenNoSpaceAfterColon() {
        assertThat(decode("data:compact\n\n")).containsExactly(new SseEvent(null, "compact", null));
    }

    @Test
    void removesOnlyOneLeadingSpace() {
        assertThat(decode("data:  two spaces\n\n")).containsExactly(new SseEvent(null, " two spaces", null));
    }

    @Test
    void keepsColonsInsideValue() {
        assertThat(decode("data: a:b: c\n\n")).containsExactly(new SseEvent(null, "a:b: c", null));
    }

    @Test
    void readsEventAndIdFields() {
        assertThat(decode("event: message_delta\nid: 42\ndata: {}\n\n"))
                .containsExactly(new SseEvent("message_delta", "{}", "42"));
    }

    @Test
    void resetsEventAndIdAfterDispatch() {
        assertThat(decode("event: first\nid: 1\ndata: a\n\ndata: b\n\n"))
                .containsExactly(new SseEvent("first", "a", "1"), new SseEvent(null, "b", null));
    }

    @Test
    void treatsEmptyEventFieldAsDefaultType() {
        assertThat(decode("event:\ndata: a\n\n")).containsExactly(new SseEvent(null, "a", null));
    }

    @Test
    void ignoresIdContainingNul() {
        assertThat(decode("id: good\nid: ba\0d\ndata: a\n\n")).containsExactly(new SseEvent(null, "a", "good"));
    }

    @Test
    void ignoresRetryAndUnknownFields() {
        assertThat(decode("retry: 3000\nfoo: bar\nDATA: shouted\ndata : spaced name\ndata: kept\n\n"))
                .containsExactly(new SseEvent(null, "kept", null));
    }

    @Test
    void treatsLineWithoutColonAsFieldWithEmptyValue() {
        assertThat(decode("data\n\ndata\ndata\nevent\n\n"))
                .containsExactly(new SseEvent(null, "", null), new SseEvent(null, "\n", null));
    }

    @Test
    void doesNotDispatchEventWithoutData() {
        assertThat(decode("event: ping\nid: 9\n\ndata: after\n\n")).containsExactly(new SseEvent(null, "after", null));
    }

    @Test
    void blankLinesOnlyEmitNothing() {
        List<SseEvent> events = decode("\n\r\n\r\n\n\r");

        assertThat(events).isEmpty();
    }

    @Test
    void skipsLeadingByteOrderMark() {
        assertThat(decode("\uFEFFdata: a\n\n")).containsExactly(new SseEvent(null, "a", null));
        // The mark itself split across reads, followed by a comment.
        byte[] bytes = utf8("\uFEFF: hi\ndata: b\n\n");
        assertThat(decode(Arrays.copyOfRange(bytes, 0, 1), Arrays.copyOfRange(bytes, 1, bytes.length)))
                .containsExactly(new SseEvent(null, "b", null));
    }

    @Test
    void byteOrderMarkIsSkippedOnlyAtStreamStart() {
        // A later mark becomes part of the field name, so the line is an unknown field.
        assertThat(decode("data: a\n\n\uFEFFdata: b\n\ndata: c\n\n"))
                .containsExactly(new SseEvent(null, "a", null), new SseEvent(null, "c", null));
    }

    @Test
    void finishDispatchesUnterminatedFinalLine() {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();
        reader.feed(utf8("data: one\n\ndata: [DONE]"), 0, 23, events::add);
        assertThat(events).containsExactly(new SseEvent(null, "one", null));

        reader.finish(events::add);

        assertThat(events).containsExactly(new SseEvent(null, "one", null), new SseEvent(null, "[DONE]", null));
    }

    @Test
    void finishDispatchesEventMissingClosingBlankLine() {
        assertThat(decode("data: a\ndata: b\r\n")).containsExactly(new SseEvent(null, "a\nb", null));
    }

    @Test
    void finishOnEmptyInputEmitsNothing() {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();

        reader.finish(events::add);

        assertThat(events).isEmpty();
        assertThat(reader.hasPendingData()).isFalse();
    }

    @Test
    void finishIgnoresUnterminatedCommentAndIsIdempotent() {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();
        reader.feed(utf8(": still pinging"), 0, 15, events::add);

        reader.finish(events::add);
        reader.finish(events::add);

        assertThat(events).isEmpty();
    }

    @Test
    void hasPendingDataTrueMidEventAndFalseAfterDispatch() {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();
        assertThat(reader.hasPendingData()).isFalse();

        reader.feed(utf8("da"), 0, 2, events::add);
        assertThat(reader.hasPendingData()).as("partial line").isTrue();

        reader.feed(utf8("ta: x\n"), 0, 6, events::add);
        assertThat(reader.hasPendingData()).as("data line without blank line").isTrue();

        reader.feed(utf8("\n"), 0, 1, events::add);
        assertThat(events).containsExactly(new SseEvent(null, "x", null));
        assertThat(reader.hasPendingData()).as("after dispatch").isFalse();

        reader.feed(utf8(": ping\n\n"), 0, 8, events::add);
        assertThat(reader.hasPendingData()).as("after keep-alive").isFalse();

        reader.feed(utf8("event: e\n"), 0, 9, events::add);
        assertThat(reader.hasPendingData()).as("event field without data").isTrue();
    }

    @Test
    void lineAboveLimitThrowsSseFormatException() {
        SseEventReader reader = new SseEventReader(16);
        byte[] line = utf8("data: 0123456789abcdef");

        // The line is still unterminated: it must fail before it is buffered whole.
        assertThatThrownBy(() -> reader.feed(line, 0, line.length, event -> {}))
                .isInstanceOf(SseFormatException.class)
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> reader.feed(utf8("\n\n"), 0, 2, event -> {}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventAboveLimitAcrossManyDataLinesThrows() {
        SseEventReader reader = new SseEventReader(64);
        List<SseEvent> events = new ArrayList<>();
        byte[] line = utf8("data: 0123456789\n");
        reader.feed(line, 0, line.length, events::add);
        reader.feed(line, 0, line.length, events::add);
        reader.feed(line, 0, line.length, events::add);

        assertThatThrownBy(() -> {
                    for (int i = 0; i < 10; i++) {
                        reader.feed(line, 0, line.length, events::add);
                    }
                })
                .isInstanceOf(SseFormatException.class)
                .hasMessageContaining("64 bytes");
        assertThat(events).isEmpty();
    }

    @Test
    void eventsUpToLimitAreAcceptedRepeatedly() {
        String value = "x".repeat(58);
        byte[] event = utf8("data: " + value + "\n\n");
        SseEventReader reader = new SseEventReader(64);
        List<SseEvent> events = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            reader.feed(event, 0, event.length, events::add);
        }

        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.data()).isEqualTo(value));
    }

    @Test
    void largeEventGrowsBufferBeyondInitialCapacity() {
        String value = "ب".repeat(100_000);

        assertThat(decode("data: " + value + "\ndata: " + value + "\n\n"))
                .containsExactly(new SseEvent(null, value + "\n" + value, null));
    }

    @Test
    void feedAfterFinishThrows() {
        SseEventReader reader = new SseEventReader();
        reader.finish(event -> {});

        assertThatThrownBy(() -> reader.feed(utf8("data: x\n\n"), 0, 9, event -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.feed(ByteBuffer.allocate(1), event -> {}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void byteBufferPositionAdvancedToLimit() {
        byte[] backing = utf8("junk|data: a\n\n|junk");
        ByteBuffer slice = ByteBuffer.wrap(backing, 5, 9).slice();
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();

        reader.feed(slice, events::add);

        assertThat(slice.position()).isEqualTo(slice.limit()).isEqualTo(9);
        assertThat(events).containsExactly(new SseEvent(null, "a", null));
    }

    @Test
    void directAndReadOnlyBuffersDecodeLikeHeapBuffers() {
        // Larger than one internal copy chunk, so the chunked copy path is exercised too.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            stream.writeBytes(OPENAI_STREAM);
        }
        byte[] bytes = stream.toByteArray();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(bytes).asReadOnlyBuffer();

        for (ByteBuffer buffer : List.of(direct, readOnly)) {
            SseEventReader reader = new SseEventReader();
            List<SseEvent> events = new ArrayList<>();
            reader.feed(buffer, events::add);
            reader.finish(events::add);

            assertThat(buffer.hasRemaining()).isFalse();
            assertThat(events).hasSize(40 * OPENAI_EVENTS.size()).startsWith(OPENAI_EVENTS.toArray(SseEvent[]::new));
        }
    }

    @Test
    void arrayFeedHonoursOffsetAndLength() {
        byte[] bytes = utf8("XXdata: mid\n\nYY");
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();

        reader.feed(bytes, 2, 11, events::add);
        reader.finish(events::add);

        assertThat(events).containsExactly(new SseEvent(null, "mid", null));
        assertThatThrownBy(() -> new SseEventReader().feed(bytes, 10, 10, event -> {}))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThatThrownBy(() -> new SseEventReader(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    private static List<SseEvent> decode(String... parts) {
        return decode(Arrays.stream(parts).map(SseEventReaderTest::utf8).toArray(byte[][]::new));
    }

    /** Feeds each part as one network read, alternating arrays and buffers, then finishes. */
    private static List<SseEvent> decode(byte[]... parts) {
        SseEventReader reader = new SseEventReader();
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                reader.feed(parts[i], 0, parts[i].length, events::add);
            } else {
                reader.feed(ByteBuffer.wrap(parts[i]), events::add);
            }
        }
        reader.finish(events::add);
        return events;
    }
}
