package ir.aifo.benchmarks;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import org.springframework.ai.chat.prompt.Prompt;

/** {@link AifoChatModel} as an application gets it: the builder's defaults, a key and the hub's address. */
final class AifoCaller implements HubCaller {

    private final AifoChatModel model;

    AifoCaller(String baseUrl) {
        this.model = AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(baseUrl)
                        .apiKey("bench-key")
                        .build())
                .defaultOptions(
                        AifoChatOptions.builder().model(StubReplies.MODEL).build())
                .build();
    }

    @Override
    public String call() {
        return model.call(new Prompt(QUESTION)).getResult().getOutput().getText();
    }

    @Override
    public StreamedText stream() {
        return StreamReading.read(model.stream(new Prompt(QUESTION)));
    }

    @Override
    public void close() {
        // Nothing to release: the JDK client's threads are daemons.
    }
}
