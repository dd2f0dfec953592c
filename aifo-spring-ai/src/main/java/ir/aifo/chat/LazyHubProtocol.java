package ir.aifo.chat;

import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.HubRequest;
import ir.aifo.internal.protocol.HubProtocol;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.protocol.RequestOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.function.SingletonSupplier;

/**
 * A protocol made on first use. Making one builds its Jackson mapper, which loads hundreds of
 * classes: time that an application's start need not wait for when the model is only injected.
 */
final class LazyHubProtocol implements HubProtocol {

    private final SingletonSupplier<HubProtocol> protocol;

    LazyHubProtocol(Supplier<HubProtocol> factory) {
        this.protocol = SingletonSupplier.of(factory);
    }

    private HubProtocol protocol() {
        return protocol.obtain();
    }

    @Override
    public String name() {
        return protocol().name();
    }

    @Override
    public HubRequest createRequest(Prompt prompt, RequestOptions options, List<ToolDefinition> tools, boolean stream) {
        return protocol().createRequest(prompt, options, tools, stream);
    }

    @Override
    public ChatResponse readReply(HubReply reply, String model, Map<String, Object> addedMetadata) {
        return protocol().readReply(reply, model, addedMetadata);
    }

    @Override
    public RuntimeException readError(HubReply reply) {
        return protocol().readError(reply);
    }

    @Override
    public boolean supportsStreaming() {
        return protocol().supportsStreaming();
    }

    @Override
    public HubStreamDecoder newStreamDecoder(Map<String, Object> addedMetadata) {
        return protocol().newStreamDecoder(addedMetadata);
    }

    @Override
    public Optional<String> quotaProvider(String model) {
        return protocol().quotaProvider(model);
    }
}
