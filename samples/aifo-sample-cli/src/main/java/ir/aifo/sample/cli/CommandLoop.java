package ir.aifo.sample.cli;

import java.util.Locale;

/**
 * The interactive chat: reads lines until {@code /exit} or the end of input; a line is a question,
 * unless it is one of the commands {@link #HELP} lists.
 */
final class CommandLoop {

    static final String PROMPT = "> ";

    static final String HELP = """
            Type a question and press Enter; the conversation is kept, so follow-up questions work.
              /quota         the last known quota (plan and monthly counters, or the rate limits)
              /image <path>  attach an image (.png, .jpg, .gif, .webp) to the next question
              /model <id>    ask the following questions to another model, such as openai/gpt-4o
              /model         show the model questions go to
              /help          this list
              /exit          leave (so does Ctrl-D)""";

    private final Terminal terminal;

    private final ChatSession session;

    private final ReplyPrinter printer;

    private final QuotaReport quotaReport;

    CommandLoop(Terminal terminal, ChatSession session, ReplyPrinter printer, QuotaReport quotaReport) {
        this.terminal = terminal;
        this.session = session;
        this.printer = printer;
        this.quotaReport = quotaReport;
    }

    void run() {
        terminal.println("Ask a question, or type /help for the commands.");
        while (true) {
            terminal.print(PROMPT);
            String line = terminal.readLine();
            if (line == null) {
                // Ctrl-D: end the prompt's line so the shell's prompt starts on a fresh one.
                terminal.println();
                return;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("/")) {
                printer.answer(line);
            } else if (!command(line)) {
                return;
            }
        }
    }

    /** Runs one command; {@code false} when it ends the chat. */
    private boolean command(String line) {
        int space = line.indexOf(' ');
        String name = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (name) {
            case "/exit", "/quit" -> {
                return false;
            }
            case "/help" -> terminal.println(HELP);
            case "/quota" -> quotaReport.lines(session.lastReply()).forEach(terminal::println);
            case "/model" -> model(argument);
            case "/image" -> image(argument);
            default -> terminal.complain("Unknown command " + name + ": /help lists the commands.");
        }
        return true;
    }

    private void model(String model) {
        if (model.isEmpty()) {
            terminal.println(
                    "Questions go to " + session.model() + ". /model <id> switches, such as /model openai/gpt-4o.");
        } else if (model.chars().anyMatch(Character::isWhitespace)) {
            terminal.complain("A model id has no spaces, such as openai/gpt-4o; got: " + model);
        } else {
            session.switchModel(model);
            terminal.println("The following questions go to " + model + ".");
        }
    }

    private void image(String path) {
        if (path.isEmpty()) {
            terminal.complain("Which image? /image <path>, such as /image ~/Pictures/receipt.jpg");
            return;
        }
        try {
            ImageAttachment image = ImageAttachment.read(path);
            session.attach(image);
            terminal.println("Attached " + image.name() + " (" + image.mimeType() + ", " + kilobytes(image.size())
                    + ") to the next question.");
        } catch (IllegalArgumentException unusable) {
            terminal.complain(unusable.getMessage());
        }
    }

    private static String kilobytes(int bytes) {
        return bytes < 1024 ? bytes + " bytes" : (bytes + 512) / 1024 + " KB";
    }
}
