package ir.aifo.sample.cli;

import java.io.InputStream;
import java.util.Arrays;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A terminal chat with AI hubs: {@code java -jar aifo-sample-cli.jar "question"} answers one
 * question and exits; without arguments it reads questions and commands from standard input.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class CliApplication {

    public static void main(String[] args) {
        System.exit(run(args, System.in));
    }

    /**
     * Runs the chat to its end and returns the process's exit status: 0 when it went well, 1 when the
     * question could not be answered or the application could not start.
     *
     * <p>Standard input is a parameter so that tests can type into the chat.
     */
    static int run(String[] args, InputStream stdin) {
        Terminal terminal = Terminal.of(stdin, Arrays.asList(args).contains("--debug"));
        SpringApplication application = new SpringApplication(CliApplication.class);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("terminal", terminal));
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        } catch (SpringApplication.AbandonedRunException abandoned) {
            // Spring AOT's build-time processing runs main() and stops the start once the context is loaded:
            // that is not a failed start, and the processor needs the exception.
            throw abandoned;
        } catch (RuntimeException startFailed) {
            // Boot's own report of the failure is switched off in application.properties: one line here instead.
            terminal.error(startFailed);
            return 1;
        }
        // The chat starts once the application is ready, not in an ApplicationRunner (which runs before),
        // so that the starter warms the hubs' clients up in the background while the first question
        // is typed or sent, rather than after the chat, as the application closes.
        try (context) {
            // Options such as --debug or --spring.ai.aifo.default-route=... are for Boot; the other words are the
            // question.
            return context.getBean(TerminalChat.class).run(new DefaultApplicationArguments(args).getNonOptionArgs());
        } catch (RuntimeException failure) {
            terminal.error(failure);
            return 1;
        }
    }
}
