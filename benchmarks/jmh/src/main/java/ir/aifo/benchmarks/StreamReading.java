package ir.aifo.benchmarks;

import ir.aifo.benchmarks.HubCaller.StreamedText;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import reactor.core.publisher.Flux;

/** Reads a stream of chat responses to its end, as a caller that shows each piece as it comes would. */
final class StreamReading {

    private final StringBuilder text = new StringBuilder();

    private long first;

    private int chunks;

    private StreamReading() {}

    static StreamedText read(Flux<ChatResponse> responses) {
        StreamReading reading = new StreamReading();
        responses.doOnNext(reading::accept).blockLast();
        return new StreamedText(reading.text.toString(), reading.first, reading.chunks);
    }

    private void accept(ChatResponse response) {
        if (first == 0) {
            first = System.nanoTime();
        }
        chunks++;
        Generation result = response.getResult();
        if (result != null && result.getOutput().getText() != null) {
            text.append(result.getOutput().getText());
        }
    }
}
