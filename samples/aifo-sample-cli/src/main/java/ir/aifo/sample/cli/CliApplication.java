package ir.aifo.sample.cli;

import java.io.InputStream;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A terminal chat with an AI hub: {@code java -jar aifo-sample-cli.jar "question"} answers one
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
        try {
            return SpringApplication.exit(application.run(args));
        } catch (RuntimeException startFailed) {
            // Boot's own report of the failure is switched off in application.properties: one line here instead.
            terminal.error(startFailed);
            return 1;
        }
    }
}
