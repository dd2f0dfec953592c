package ir.aifo.sample.cli;

/**
 * Asks the session a question and prints what comes back: the answer as it streams in, then the
 * {@link QuotaLine}, or the failure on one line.
 */
final class ReplyPrinter {

    private final Terminal terminal;

    private final ChatSession session;

    ReplyPrinter(Terminal terminal, ChatSession session) {
        this.terminal = terminal;
        this.session = session;
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
            terminal.println(QuotaLine.of(reply, session.model()));
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
