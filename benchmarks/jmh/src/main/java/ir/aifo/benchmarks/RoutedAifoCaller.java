package ir.aifo.benchmarks;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.routing.AifoRouter;
import java.util.List;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * An {@link AifoRouter} as an application gets it: a default route of two targets, the first healthy,
 * so that every request goes to the first and the second is never asked.
 */
final class RoutedAifoCaller implements HubCaller {

    static final String ROUTE = "smart";

    static final String FIRST_HUB = "aifo";

    private final AifoRouter router;

    private final List<Message> conversation;

    /** Sends {@code conversation} through a route to {@code first}, then {@code spare}. */
    RoutedAifoCaller(AifoChatModel first, AifoChatModel spare, List<Message> conversation) {
        this.conversation = conversation;
        this.router = AifoRouter.builder()
                .hub(FIRST_HUB, first)
                .hub("spare", spare)
                .route(ROUTE, FIRST_HUB + ":" + StubReplies.MODEL, "spare:" + StubReplies.MODEL)
                .defaultRoute(ROUTE)
                .build();
    }

    @Override
    public String call() {
        return router.call(new Prompt(conversation)).getResult().getOutput().getText();
    }

    @Override
    public StreamedText stream() {
        return StreamReading.read(router.stream(new Prompt(conversation)));
    }

    /**
     * Fails unless a call and the last response of a stream were answered by the route's first target
     * with nothing passed over: a route that fell back would be measured doing something else.
     */
    void checkAnsweredByFirstTarget() {
        check("call", router.call(new Prompt(conversation)));
        ChatResponse last = router.stream(new Prompt(conversation)).blockLast();
        if (last == null) {
            throw new IllegalStateException("the routed stream gave no response");
        }
        check("stream", last);
    }

    private static void check(String what, ChatResponse response) {
        ChatResponseMetadata metadata = response.getMetadata();
        Object hub = metadata.get("aifo.hub");
        Object route = metadata.get("aifo.route");
        Object fallbacks = metadata.get("aifo.fallbacks");
        if (!FIRST_HUB.equals(hub) || !ROUTE.equals(route) || !(fallbacks instanceof List<?> list && list.isEmpty())) {
            throw new IllegalStateException("the routed " + what + " was not answered by the first target alone: hub "
                    + hub + ", route " + route + ", fallbacks " + fallbacks);
        }
    }

    @Override
    public void close() {
        // Nothing to release: the hubs' JDK clients' threads are daemons.
    }
}
