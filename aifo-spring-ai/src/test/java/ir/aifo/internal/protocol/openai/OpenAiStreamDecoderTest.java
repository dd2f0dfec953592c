package ir.aifo.internal.protocol.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ir.aifo.chat.error.AifoServerException;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.sse.SseEvent;
import ir.aifo.internal.sse.SseEventReader;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;

/** Chunks read straight from their bytes, and the metadata the chunks of one stream share. */
class OpenAiStreamDecoderTest {

    private final HubStreamDecoder decoder =
            new OpenAiProtocol("aifo_sk_live_decoder0123456789", "/v1/chat/completions").newStreamDecoder(Map.of());

    @Test
    void chunksOfOneReplyShareTheirMetadataAndTheUsageChunkHasItsOwn() {
        List<ChatResponse> responses = decodeAll(
                chunk("c1", "{\"role\":\"assistant\",\"content\":\"\"}"),
                chunk("c1", "{\"content\":\"Hi\"}"),
                chunk("c1", "{\"content\":\" there\"}"),
                chunk("c2", "{\"content\":\"!\"}"),
                "data: {\"id\":\"c2\",\"model\":\"openai/gpt-4o\",\"created\":1,\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}\n\n",
                "data: [DONE]\n\n");

        assertThat(responses).hasSize(5);
        assertThat(responses.get(1).getMetadata()).isSameAs(responses.get(0).getMetadata());
        assertThat(responses.get(2).getMetadata()).isSameAs(responses.get(0).getMetadata());
        assertThat(responses.get(0).getMetadata().getId()).isEqualTo("c1");
        assertThat(responses.get(3).getMetadata()).isNotSameAs(responses.get(0).getMetadata());
        assertThat(responses.get(3).getMetadata().getId()).isEqualTo("c2");
        assertThat(responses.get(4).getMetadata().getUsage().getTotalTokens()).isEqualTo(7);
        assertThat(responses.get(3).getMetadata().getUsage().getTotalTokens()).isZero();
        assertThat(decoder.isComplete()).isTrue();
    }

    @Test
    void contentWithBytesThatAreNotUtf8IsReadAsItWasFromTheString() {
        byte[] stream = chunk("c1", "{\"content\":\"a#b\"}").getBytes(UTF_8);
        // A lone lead byte where the '#' was: not UTF-8, so the string the chunk is read from has U+FFFD.
        stream[new String(stream, UTF_8).indexOf('#')] = (byte) 0xC3;

        List<ChatResponse> responses = decodeBytes(stream);

        assertThat(responses)
                .singleElement()
                .satisfies(response ->
                        assertThat(response.getResult().getOutput().getText()).isEqualTo("a\uFFFDb"));
    }

    @Test
    void doneWithWhitespaceAroundItEndsTheStream() {
        decodeAll(chunk("c1", "{\"content\":\"Hi\"}"), "data:  [DONE] \n\n");

        assertThat(decoder.isComplete()).isTrue();
    }

    @Test
    void aChunkThatIsNotJsonIsNamedAsSuch() {
        assertThatThrownBy(() -> decodeAll("data: {\"id\":\n\n"))
                .isInstanceOf(AifoServerException.class)
                .hasMessageStartingWith(
                        "The hub sent a stream event that is not a chat-completion chunk (after 0 chunks)");
    }

    // One chunk of a reply whose pieces all name the same model and creation time.
    private static String chunk(String id, String delta) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"openai/gpt-4o\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":null}]}\n\n";
    }

    private List<ChatResponse> decodeAll(String... stream) {
        return decodeBytes(String.join("", stream).getBytes(UTF_8));
    }

    private List<ChatResponse> decodeBytes(byte[] stream) {
        decoder.onHeaders(HttpHeaders.of(Map.of(), (name, value) -> true));
        List<SseEvent> events = new ArrayList<>();
        new SseEventReader().feed(stream, 0, stream.length, events::add);
        return events.stream().map(decoder::decode).filter(Objects::nonNull).toList();
    }
}
