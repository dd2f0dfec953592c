package ir.aifo.routing;

import ir.aifo.internal.protocol.MetadataKeys;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;

/** A hub's response with what the route adds: who answered, for which route, and who did not. */
final class RoutedResponse {

    private RoutedResponse() {}

    static ChatResponse of(
            ChatResponse response, RouteTarget answered, Route route, List<TargetUnavailable> fallbacks) {
        ChatResponseMetadata metadata = response.getMetadata();
        ChatResponseMetadata.Builder routed = ChatResponseMetadata.builder()
                .id(metadata.getId())
                .model(metadata.getModel())
                .rateLimit(metadata.getRateLimit())
                .usage(metadata.getUsage())
                .promptMetadata(metadata.getPromptMetadata());
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            routed.keyValue(entry.getKey(), entry.getValue());
        }
        routed.keyValue(MetadataKeys.HUB, answered.hub())
                .keyValue(MetadataKeys.ROUTE, route.name())
                .keyValue(MetadataKeys.FALLBACKS, fallbacks);
        return new ChatResponse(response.getResults(), routed.build());
    }
}
