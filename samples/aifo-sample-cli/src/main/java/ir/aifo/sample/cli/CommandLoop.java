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
              /hubs          each hub: address, simulated or not, last known quota, cool-down; and the routes
              /quota         the quota of the hub that gave the last answer (monthly counters, or rate limits)
              /image <path>  attach an image (.png, .jpg, .gif, .webp) to the next question
              /model <route> send the following questions to another route (spring.ai.aifo.routes.<route>)
              /model         show the route questions go to, and the routes
              /help          this list
              /exit          leave (so does Ctrl-D)""";

    private final Terminal terminal;

    private final ChatSession session;

    private final ReplyPrinter printer;

    private final QuotaReport quotaReport;

    private final HubsReport hubsReport;

    private final Hubs hubs;

    CommandLoop(
            Terminal terminal,
            ChatSession session,
            ReplyPrinter printer,
            QuotaReport quotaReport,
            HubsReport hubsReport,
            Hubs hubs) {
        this.terminal = terminal;
        this.session = session;
        this.printer = printer;
        this.quotaReport = quotaReport;
        this.hubsReport = hubsReport;
        this.hubs = hubs;
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
            case "/hubs" -> hubsReport.lines().forEach(terminal::println);
            case "/model" -> route(argument);
            case "/image" -> image(argument);
            default -> terminal.complain("Unknown command " + name + ": /help lists the commands.");
        }
        return true;
    }

    // Questions go through the router, whose model names are routes: a hub's own model id is not one.
    private void route(String route) {
        if (route.isEmpty()) {
            terminal.println("Questions go to route " + session.route() + ": " + hubs.targetsOf(session.route())
                    + ". /model <route> switches; the routes: " + String.join(", ", hubs.routes()) + ".");
        } else if (hubs.isRoute(route)) {
            session.switchRoute(route);
            terminal.println("The following questions go to route " + route + ": " + hubs.targetsOf(route) + ".");
        } else {
            terminal.complain("'" + route + "' is not a route; the routes: " + String.join(", ", hubs.routes())
                    + ". To ask a model of one hub, add a route for it, such as"
                    + " --spring.ai.aifo.routes.gpt4o=aifo:openai/gpt-4o, then /model gpt4o.");
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
