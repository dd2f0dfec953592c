package ir.aifo.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI, processed by Spring AOT at build time, run in AOT mode as a user runs it: the bean
 * definitions generated at build time, the hubs {@code NamedHubsRegistrar} registers, the route, and the
 * simulator fallback. Both modes stream the answers, as the CLI always does.
 */
class AotCliIT {

    @Test
    void theProcessedJarAnswersOneQuestionInAotMode() throws Exception {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("aifo.sample.jar", "target/aifo-sample-cli.jar"))
                .toFile())) {
            assertThat(jar.getEntry(
                            "BOOT-INF/classes/ir/aifo/sample/cli/CliApplication__ApplicationContextInitializer.class"))
                    .as("the initializer Spring AOT generated")
                    .isNotNull();
        }

        // The question is plain ASCII: a command line's encoding depends on the locale, standard input's does not.
        try (PackagedApp cli = PackagedApp.start(
                "cli-one-question", List.of("--logging.level.ir.aifo.sample.cli.CliApplication=INFO", "hello"), "")) {
            int status = cli.exitStatus();

            cli.verify(() -> {
                assertThat(status).isZero();
                String output = cli.output();
                // Boot says so when it starts from the generated initializer, which spring.aot.enabled demands.
                assertThat(output).contains("Starting AOT-processed CliApplication");
                assertThat(output.lines())
                        .containsSubsequence(
                                "No API key set for myaihub and aifo (MYAIHUB_API_KEY, AIFO_API_KEY): every answer"
                                        + " is simulated, by the built-in hub simulator",
                                "Questions go to route smart: myaihub:openai/gpt-5-mini, then aifo:openai/gpt-5-mini",
                                "پاسخ شبیه‌ساز MyAIHub به «hello»",
                                "[answered by myaihub (simulated) · openai/gpt-5-mini · plan vip · openai 79/80 used,"
                                        + " 1 left this month]");
            });
        }
    }

    @Test
    void theInteractiveChatFallsBackToAifoWhoseAnswerStreamsIn() throws Exception {
        try (PackagedApp cli =
                PackagedApp.start("cli-interactive", List.of(), "سلام\nدوباره\nامروز چه خبر؟\n/hubs\n")) {
            int status = cli.exitStatus();

            cli.verify(() -> {
                assertThat(status).isZero();
                assertThat(cli.output().lines())
                        .containsSubsequence(
                                "> پاسخ شبیه‌ساز MyAIHub به «سلام»",
                                "[answered by myaihub (simulated) · openai/gpt-5-mini · plan vip · openai 79/80 used,"
                                        + " 1 left this month]",
                                "> پاسخ شبیه‌ساز MyAIHub به «دوباره»",
                                "[answered by myaihub (simulated) · openai/gpt-5-mini · plan vip · openai 80/80 used,"
                                        + " 0 left this month]",
                                // The simulated AiFO speaks the OpenAI dialect, whose answers stream in pieces.
                                "> پاسخ شبیه‌ساز به «امروز چه خبر؟»")
                        .anySatisfy(line -> assertThat(line)
                                .startsWith("[answered by aifo (simulated), after myaihub: quota spent, not sent"))
                        .contains("  smart (default): myaihub:openai/gpt-5-mini, then aifo:openai/gpt-5-mini");
            });
        }
    }
}
