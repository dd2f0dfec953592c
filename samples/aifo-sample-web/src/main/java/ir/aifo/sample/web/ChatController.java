package ir.aifo.sample.web;

import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/chat}: streams a reply as server-sent events: {@code delta} events with the pieces
 * of text as the hub sends them, then one {@code meta} event ({@link ReplyMeta}), or an {@code error}
 * event ({@link ChatFailure}) when the reply fails, even halfway.
 *
 * <p>Failures travel inside the stream rather than as HTTP error statuses because the status line has
 * already gone out with the first piece. Only JSON is accepted, which also keeps other web sites'
 * plain form posts away from a hub key that costs money.
 */
@RestController
public class ChatController {

    static final String DELTA = "delta";

    static final String META = "meta";

    static final String ERROR = "error";

    private static final Log logger = LogFactory.getLog(ChatController.class);

    private final ChatClient chatClient;

    private final Hubs hubs;

    private final ConversationStore conversations;

    /**
     * @param chatClientBuilder the auto-configured builder, whose model is the router (the primary
     *     {@code ChatModel} once {@code spring.ai.aifo.routes} declares routes): messages go to the default
     *     route
     */
    public ChatController(ChatClient.Builder chatClientBuilder, Hubs hubs, ConversationStore conversations) {
        this.chatClient = chatClientBuilder.build();
        this.hubs = hubs;
        this.conversations = conversations;
    }

    /** The text of one {@code delta} event. */
    public record Delta(String text) {}

    @PostMapping(
            path = "/api/chat",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> chat(@RequestBody ChatRequest request) {
        String message = request.message() == null ? "" : request.message().strip();
        if (message.isEmpty()) {
            return Flux.just(event(ERROR, ChatFailure.emptyMessage()));
        }
        String conversationId = conversations.open(request.conversationId());
        List<Message> history = conversations.history(conversationId);
        UserMessage question = new UserMessage(message);
        StreamedReply reply = new StreamedReply();
        Flux<ServerSentEvent<Object>> deltas = Flux.defer(
                        () -> chatClient.prompt().messages(history).messages(question).stream()
                                .chatResponse())
                .map(reply::add)
                .filter(piece -> !piece.isEmpty())
                .map(piece -> event(DELTA, new Delta(piece)));
        Mono<ServerSentEvent<Object>> meta = Mono.fromSupplier(() -> {
            conversations.record(conversationId, question, reply.message());
            return event(META, reply.meta(conversationId, hubs));
        });
        return deltas.concatWith(meta).onErrorResume(failure -> Mono.just(event(ERROR, describe(failure))));
    }

    private ChatFailure describe(Throwable failure) {
        ChatFailure shown = ChatFailure.of(failure);
        if (ChatFailure.isExplained(failure)) {
            // The library's messages name the status and the hub's words and never the key.
            logger.warn("Reply failed (" + shown.kind() + "): " + failure.getMessage());
        } else {
            logger.error("Reply failed unexpectedly", failure);
        }
        return shown;
    }

    private static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.builder(data).event(name).build();
    }
}
