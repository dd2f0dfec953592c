package ir.aifo.sample.web;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.quota.HubQuota;
import ir.aifo.routing.TargetUnavailable;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.util.StringUtils;

/**
 * One reply as its pieces stream in: the text so far, who answered (as the route reported it), and the
 * latest model and quota figures the hub reported, which may come with any piece (the usage often only
 * with the last). A reply asked for whole is one piece.
 */
final class StreamedReply {

    private final StringBuilder text = new StringBuilder();

    private @Nullable String hub;

    private @Nullable String route;

    private List<TargetUnavailableView> fallbacks = List.of();

    private @Nullable String model;

    private @Nullable HubQuota quota;

    private @Nullable RateLimitView rateLimit;

    /** Takes in one streamed response and returns the text it adds, empty when it adds none. */
    String add(ChatResponse response) {
        ChatResponseMetadata metadata = response.getMetadata();
        if (StringUtils.hasText(metadata.getModel())) {
            model = metadata.getModel();
        }
        if (metadata.get(AifoMetadata.HUB) instanceof String answeringHub) {
            hub = answeringHub;
        }
        if (metadata.get(AifoMetadata.ROUTE) instanceof String askedRoute) {
            route = askedRoute;
        }
        if (metadata.get(AifoMetadata.FALLBACKS) instanceof List<?> skipped) {
            fallbacks = skipped.stream()
                    .map(TargetUnavailable.class::cast)
                    .map(TargetUnavailableView::of)
                    .toList();
        }
        HubQuota reported = metadata.get(AifoMetadata.QUOTA);
        if (reported != null) {
            quota = reported;
        }
        RateLimit reportedLimit = metadata.getRateLimit();
        RateLimitView limitView = RateLimitView.of(reportedLimit);
        if (limitView != null) {
            rateLimit = limitView;
        }
        Generation generation = response.getResult();
        String piece = generation == null ? null : generation.getOutput().getText();
        if (piece == null || piece.isEmpty()) {
            return "";
        }
        text.append(piece);
        return piece;
    }

    /** The text so far: the whole answer once the reply is complete. */
    String text() {
        return text.toString();
    }

    /** The whole answer, for the conversation's history. */
    AssistantMessage message() {
        return new AssistantMessage(text.toString());
    }

    /** The figures to end the reply with. */
    ReplyMeta meta(String conversationId, Hubs hubs) {
        boolean simulated = hub != null && hubs.isSimulated(hub);
        return new ReplyMeta(conversationId, hub, simulated, route, fallbacks, model, QuotaView.of(quota), rateLimit);
    }
}
