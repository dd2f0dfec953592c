package ir.aifo.sample.cli;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaTracker;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says where the questions go, then answers the one question given as arguments, or runs the
 * interactive {@link CommandLoop}; its exit code is the process's.
 */
@Component
final class CliRunner implements ApplicationRunner, ExitCodeGenerator {

    private final Terminal terminal;

    private final ChatClient.Builder chatClientBuilder;

    private final AifoChatModel model;

    private final QuotaTracker quotaTracker;

    private final Environment environment;

    private int exitCode;

    CliRunner(
            Terminal terminal,
            ChatClient.Builder chatClientBuilder,
            AifoChatModel model,
            QuotaTracker quotaTracker,
            Environment environment) {
        this.terminal = terminal;
        this.chatClientBuilder = chatClientBuilder;
        this.model = model;
        this.quotaTracker = quotaTracker;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        terminal.println(ConnectionLine.of(environment, model));
        String defaultModel = model.getOptions().getModel();
        ChatSession session = new ChatSession(chatClientBuilder.build(), defaultModel);
        ReplyPrinter printer = new ReplyPrinter(terminal, session);
        // Options such as --debug or --spring.ai.aifo.chat.model=... are for Boot; the other words are the question.
        List<String> question = arguments.getNonOptionArgs();
        if (!question.isEmpty()) {
            exitCode = printer.answer(String.join(" ", question)) ? 0 : 1;
            return;
        }
        QuotaReport quota = new QuotaReport(quotaTracker, model.getKeyFingerprint());
        new CommandLoop(terminal, session, printer, quota).run();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
