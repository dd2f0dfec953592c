package ir.aifo.sample.web;

import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/chat}: streams a reply as server-sent events: {@code delta} events with the pieces
 * of text as the hub sends them, then one {@code meta} event ({@link ReplyMeta}), or an {@code error}
 * event ({@link ChatFailure}) when the reply fails, even halfway. A client that asks for JSON instead
 * ({@code Accept: application/json}) gets the whole reply at once ({@link WholeReply}), or an error
 * status with the {@link ChatFailure}.
 *
 * <p>In the stream, failures travel as events rather than as HTTP error statuses because the status line
 * has already gone out with the first piece. Only JSON is accepted, which also keeps other web sites'
 * plain form posts away from a hub key that costs money.
 */
@RestController
// Spring AOT sees what a handler returns, not what its events and ResponseEntity<Object> carry: the JSON
// written for them needs these types' hints in a native image.
@RegisterReflectionForBinding({
    ChatController.Delta.class,
    ReplyMeta.class,
    ChatFailure.class,
    ChatController.WholeReply.class
})
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

    /** A reply asked for as JSON: its whole text, and what the {@code meta} event would say. */
    public record WholeReply(String text, ReplyMeta meta) {}

    // Also */*: a client that names no type (curl, say) gets the stream, not the JSON reply that would
    // otherwise win the tie.
    @PostMapping(
            path = "/api/chat",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.ALL_VALUE})
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

    /**
     * The same conversation for a client that wants one JSON answer, such as a script: the reply is asked
     * for whole (the hubs' blocking call, not their streams). An empty message is a 400; a reply no hub
     * could give is a 502, or a 500 when the failure is not the hubs'; the body is then the failure.
     */
    @PostMapping(
            path = "/api/chat",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> chatWhole(@RequestBody ChatRequest request) {
        String message = request.message() == null ? "" : request.message().strip();
        if (message.isEmpty()) {
            return ResponseEntity.badRequest().body(ChatFailure.emptyMessage());
        }
        String conversationId = conversations.open(request.conversationId());
        UserMessage question = new UserMessage(message);
        StreamedReply reply = new StreamedReply();
        try {
            ChatResponse response = chatClient
                    .prompt()
                    .messages(conversations.history(conversationId))
                    .messages(question)
                    .call()
                    .chatResponse();
            if (response != null) {
                reply.add(response);
            }
        } catch (RuntimeException failure) {
            ChatFailure shown = describe(failure);
            HttpStatus status =
                    shown.kind().equals("unexpected") ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_GATEWAY;
            return ResponseEntity.status(status).body(shown);
        }
        conversations.record(conversationId, question, reply.message());
        return ResponseEntity.ok(new WholeReply(reply.text(), reply.meta(conversationId, hubs)));
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
