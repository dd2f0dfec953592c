package ir.aifo.sample.cli;

import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.quota.HubQuota;
import ir.aifo.routing.TargetUnavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * One conversation: the turns so far, the route the next question goes to, and an image waiting to go
 * with the next question.
 */
final class ChatSession {

    private final ChatClient chat;

    private final List<Message> history = new ArrayList<>();

    private String route;

    private @Nullable ImageAttachment pendingImage;

    private @Nullable Reply lastReply;

    /**
     * @param chat a client of the router, whose model names are its routes
     * @param route the route the first question goes to
     */
    ChatSession(ChatClient chat, String route) {
        Assert.hasText(route, "route must not be empty");
        this.chat = chat;
        this.route = route;
    }

    String route() {
        return route;
    }

    void switchRoute(String route) {
        Assert.hasText(route, "route must not be empty");
        this.route = route;
    }

    /** Attaches an image to the next question, replacing one attached before. */
    void attach(ImageAttachment image) {
        this.pendingImage = image;
    }

    /** The last answer, or {@code null} before the first. */
    @Nullable
    Reply lastReply() {
        return lastReply;
    }

    /**
     * Asks a question after the turns so far and streams the answer: each piece of text goes to
     * {@code onText} as it arrives. The turn is remembered only if the answer arrives whole, so a failed
     * question does not confuse the next one. A pending image goes with this question either way.
     */
    Reply ask(String question, Consumer<String> onText) {
        ImageAttachment image = pendingImage;
        pendingImage = null;
        UserMessage message = image == null
                ? new UserMessage(question)
                : UserMessage.builder().text(question).media(image.toMedia()).build();
        List<Message> conversation = new ArrayList<>(history);
        conversation.add(message);

        ReplyCollector collector = new ReplyCollector(onText);
        chat.prompt().messages(conversation).options(AifoChatOptions.builder().model(route)).stream()
                .chatResponse()
                .doOnNext(collector::add)
                .blockLast();
        Reply reply = collector.reply();

        // The image went with its question; later turns carry only the text, so it is not uploaded
        // again with every question (and MyAIHub accepts an image only with the last message).
        history.add(new UserMessage(question));
        history.add(new AssistantMessage(reply.text()));
        lastReply = reply;
        return reply;
    }

    /** Gathers a streamed answer: its text, and the latest of each figure the route and the hub reported. */
    private static final class ReplyCollector {

        private final Consumer<String> onText;

        private final StringBuilder text = new StringBuilder();

        private @Nullable String hub;

        private @Nullable String route;

        private List<TargetUnavailable> fallbacks = List.of();

        private @Nullable String model;

        private @Nullable String source;

        private @Nullable RateLimit rateLimit;

        private @Nullable HubQuota quota;

        ReplyCollector(Consumer<String> onText) {
            this.onText = onText;
        }

        void add(ChatResponse response) {
            if (response.getResult() != null) {
                String piece = response.getResult().getOutput().getText();
                if (StringUtils.hasLength(piece)) {
                    text.append(piece);
                    onText.accept(piece);
                }
            }
            // A stream's last chunk may carry usage only; every figure is taken from wherever it appears.
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
                fallbacks = skipped.stream().map(TargetUnavailable.class::cast).toList();
            }
            if (metadata.get(AifoMetadata.SOURCE) instanceof String reportedSource) {
                source = reportedSource;
            }
            if (RateLimitFigures.reported(metadata.getRateLimit())) {
                rateLimit = metadata.getRateLimit();
            }
            if (metadata.get(AifoMetadata.QUOTA) instanceof HubQuota reportedQuota) {
                quota = reportedQuota;
            }
        }

        Reply reply() {
            return new Reply(text.toString(), hub, route, fallbacks, model, source, rateLimit, quota);
        }
    }
}
