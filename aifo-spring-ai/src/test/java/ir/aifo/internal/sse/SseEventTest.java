package ir.aifo.internal.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event read from the wire keeps its bytes and decodes them on demand, equal to one made from a string. */
class SseEventTest {

    @Test
    void eventFromTheWireKeepsItsBytesAndDecodesThemOnDemand() {
        SseEvent event = read("event: delta\nid: 7\ndata: سلام {\"a\":1}\n\n");

        assertThat(event.utf8Data()).isEqualTo("سلام {\"a\":1}".getBytes(UTF_8));
        assertThat(event.data()).isEqualTo("سلام {\"a\":1}");
        assertThat(event.event()).isEqualTo("delta");
        assertThat(event.id()).isEqualTo("7");
    }

    @Test
    void equalsAnEventMadeFromTheSameStringAndPrintsLikeOne() {
        SseEvent fromWire = read("event: delta\ndata: one\ndata: two\n\n");
        SseEvent fromString = new SseEvent("delta", "one\ntwo", null);

        assertThat(fromWire).isEqualTo(fromString).hasSameHashCodeAs(fromString);
        assertThat(fromString).isEqualTo(fromWire);
        assertThat(fromWire).hasToString("SseEvent[event=delta, data=one\ntwo, id=null]");
        assertThat(fromWire).isNotEqualTo(new SseEvent("delta", "one", null));
        assertThat(fromWire).isNotEqualTo(new SseEvent(null, "one\ntwo", null));
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharactersInTheString() {
        SseEvent event = read(new byte[] {'d', 'a', 't', 'a', ':', 'a', (byte) 0xC3, 'b', '\n', '\n'});

        assertThat(event.utf8Data()).containsExactly('a', (byte) 0xC3, 'b');
        assertThat(event.data()).isEqualTo("a\uFFFDb");
    }

    @Test
    void comparesItsDataWithoutDecodingIt() {
        SseEvent event = read("data: [DONE]\n\n");

        assertThat(event.dataIs("[DONE]")).isTrue();
        assertThat(event.dataIs("[DONE] ")).isFalse();
        assertThat(event.dataIs("[DON]")).isFalse();
        assertThat(new SseEvent(null, "[DONE]", null).dataIs("[DONE]")).isTrue();
        assertThat(new SseEvent(null, "x", null).utf8Data()).containsExactly('x');
    }

    private static SseEvent read(String stream) {
        return read(stream.getBytes(UTF_8));
    }

    private static SseEvent read(byte[] stream) {
        List<SseEvent> events = new ArrayList<>();
        new SseEventReader().feed(stream, 0, stream.length, events::add);
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
