package ir.aifo.sample.cli;

/**
 * Asks the session a question and prints what comes back: the answer as it streams in, then the
 * {@link StatusLine}, or the failure on one line.
 */
final class ReplyPrinter {

    private final Terminal terminal;

    private final ChatSession session;

    private final Hubs hubs;

    ReplyPrinter(Terminal terminal, ChatSession session, Hubs hubs) {
        this.terminal = terminal;
        this.session = session;
        this.hubs = hubs;
    }

    /** Whether the answer arrived whole. */
    boolean answer(String question) {
        boolean[] printed = {false};
        try {
            Reply reply = session.ask(question, piece -> {
                printed[0] = true;
                terminal.print(piece);
            });
            if (printed[0] && !reply.text().endsWith("\n")) {
                terminal.println();
            }
            terminal.println(StatusLine.of(reply, hubs));
            return true;
        } catch (RuntimeException failure) {
            // A stream can fail half-way: the error starts on a line of its own.
            if (printed[0]) {
                terminal.println();
            }
            terminal.error(failure);
            return false;
        }
    }
}
