package ir.aifo.benchmarks;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.quota.QuotaTracker;
import java.util.List;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;

/** {@link AifoChatModel} as an application gets it: the builder's defaults, a key and the hub's address. */
final class AifoCaller implements HubCaller {

    private final AifoChatModel model;

    private final List<Message> conversation;

    AifoCaller(String baseUrl) {
        this(model(baseUrl), Conversation.of(1));
    }

    /**
     * Sends {@code conversation} to {@code model} directly; {@link RouteBenchmark} hands the same model to a
     * router too, {@link StoreBenchmark} builds one per quota tracker.
     */
    AifoCaller(AifoChatModel model, List<Message> conversation) {
        this.model = model;
        this.conversation = conversation;
    }

    /** The model every AiFO benchmark measures, talking to the hub at {@code baseUrl}. */
    static AifoChatModel model(String baseUrl) {
        return builder(baseUrl).build();
    }

    /** The same model, keeping what the hub reports of the key's quota in {@code tracker}. */
    static AifoChatModel model(String baseUrl, QuotaTracker tracker) {
        return builder(baseUrl).quotaTracker(tracker).build();
    }

    private static AifoChatModel.Builder builder(String baseUrl) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(baseUrl)
                        .apiKey("bench-key")
                        .build())
                .defaultOptions(
                        AifoChatOptions.builder().model(StubReplies.MODEL).build());
    }

    @Override
    public String call() {
        return model.call(new Prompt(conversation)).getResult().getOutput().getText();
    }

    @Override
    public StreamedText stream() {
        return StreamReading.read(model.stream(new Prompt(conversation)));
    }

    @Override
    public void close() {
        // Nothing to release: the JDK client's threads are daemons.
    }
}
