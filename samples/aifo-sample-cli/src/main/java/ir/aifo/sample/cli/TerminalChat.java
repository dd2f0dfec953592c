package ir.aifo.sample.cli;

import ir.aifo.quota.QuotaTracker;
import ir.aifo.routing.AifoRouter;
import java.time.Clock;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The chat: says where the questions go, then answers the one question given as arguments, or runs
 * the interactive {@link CommandLoop}.
 */
@Component
final class TerminalChat {

    private final Terminal terminal;

    private final ChatClient.Builder chatClientBuilder;

    private final QuotaTracker quotaTracker;

    private final Hubs hubs;

    /**
     * @param chatClientBuilder the auto-configured builder, whose model is the router (the primary
     *     {@code ChatModel} once {@code spring.ai.aifo.routes} declares routes)
     */
    TerminalChat(
            Terminal terminal,
            ChatClient.Builder chatClientBuilder,
            AifoRouter router,
            QuotaTracker quotaTracker,
            Environment environment) {
        this.terminal = terminal;
        this.chatClientBuilder = chatClientBuilder;
        this.quotaTracker = quotaTracker;
        this.hubs = Hubs.of(router, environment);
    }

    /**
     * Runs the chat to its end and returns the process's exit status.
     *
     * @param question the words of the one question to answer; empty for the interactive chat
     * @return 0, or 1 when the one question could not be answered
     */
    int run(List<String> question) {
        String route = hubs.defaultRoute();
        ConnectionLines.of(hubs, route).forEach(terminal::println);
        ChatSession session = new ChatSession(chatClientBuilder.build(), route);
        ReplyPrinter printer = new ReplyPrinter(terminal, session, hubs);
        if (!question.isEmpty()) {
            return printer.answer(String.join(" ", question)) ? 0 : 1;
        }
        new CommandLoop(
                        terminal,
                        session,
                        printer,
                        new QuotaReport(quotaTracker, hubs),
                        new HubsReport(hubs, quotaTracker, Clock.systemUTC()),
                        hubs)
                .run();
        return 0;
    }
}
