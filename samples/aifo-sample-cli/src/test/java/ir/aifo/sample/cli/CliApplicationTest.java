package ir.aifo.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.MyAiHubPlan;
import ir.aifo.test.RecordedRequest;
import ir.aifo.testing.ConsoleCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the CLI in-process as {@code java -jar} would, typing into its standard input and reading
 * what it prints, against the hub simulator on loopback.
 */
class CliApplicationTest {

    /** A simulator of the test's own, for tests that read its journal or set up keys and faults. */
    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    /** What the CLI prints, as a terminal would show it. */
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withoutAKeyAnswersOneQuestionFromTheBuiltInSimulatorAndExitsWithZero() {
        int status = run("", withoutKey("openai", "سلام"));

        assertThat(status).isZero();
        List<String> lines = console.out().lines().toList();
        assertThat(lines.get(0))
                .matches("No API key set \\(AIFO_API_KEY\\): talking to the built-in hub simulator at"
                        + " http://127\\.0\\.0\\.1:\\d+");
        assertThat(lines.get(1)).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(lines.get(2))
                .matches("\\[openai/gpt-5-mini · requests 499/500 left, resets in 1m"
                        + " · tokens \\d+/200000 left, resets in 20ms]");
        assertThat(lines).hasSize(3);
        assertThat(console.err()).isEmpty();
    }

    @Test
    void joinsTheArgumentsIntoOneQuestion() {
        int status = run("", withoutKey("openai", "حال", "شما", "چطور", "است؟"));

        assertThat(status).isZero();
        assertThat(console.out()).contains("پاسخ شبیه‌ساز به «حال شما چطور است؟»");
    }

    @Test
    void interactiveChatKeepsTheConversationAndSwitchesModel(AifoHubSimulator simulator) {
        int status = run("سلام\n/quota\n/model openai/gpt-4o\nدوباره\n/exit\n", atSimulator(simulator, "openai"));

        assertThat(status).isZero();
        List<String> lines = console.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Talking to " + simulator.baseUrl() + " (openai, model openai/gpt-5-mini)");
        assertThat(console.out())
                .contains("> پاسخ شبیه‌ساز به «سلام»\n[openai/gpt-5-mini · requests 499/500 left")
                .contains("> Rate limits reported with the last answer:\n  requests 499/500 left, resets in 1m\n"
                        + "  tokens ")
                .contains("> The following questions go to openai/gpt-4o.")
                .contains("> پاسخ شبیه‌ساز به «دوباره»\n[openai/gpt-4o · requests 498/500 left");
        assertThat(console.err()).isEmpty();

        List<RecordedRequest> requests = simulator.journal();
        assertThat(requests).hasSize(2);
        JsonNode first = JSON.readTree(requests.get(0).body());
        JsonNode second = JSON.readTree(requests.get(1).body());
        assertThat(first.path("model").asString()).isEqualTo("openai/gpt-5-mini");
        assertThat(first.path("stream").asBoolean()).isTrue();
        assertThat(second.path("model").asString()).isEqualTo("openai/gpt-4o");
        assertThat(roleAndContent(second.path("messages")))
                .containsExactly("user: سلام", "assistant: پاسخ شبیه‌ساز به «سلام»", "user: دوباره");
    }

    @Test
    void attachesAnImageToTheNextQuestionOnly(AifoHubSimulator simulator, @TempDir Path folder) throws IOException {
        Path photo = Files.write(folder.resolve("photo.PNG"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        int status = run(
                "/image " + photo + "\nاین چیست؟\nو این؟\n/image " + folder.resolve("missing.png") + "\n/help\n",
                atSimulator(simulator, "openai"));

        assertThat(status).isZero();
        assertThat(console.out())
                .contains("Attached photo.PNG (image/png, 4 bytes) to the next question.")
                .contains("پاسخ شبیه‌ساز به «این چیست؟ (+1 تصویر)»")
                .contains("پاسخ شبیه‌ساز به «و این؟»")
                .contains("/image <path>  attach an image");
        assertThat(console.err()).isEqualTo("No image file at " + folder.resolve("missing.png") + "\n");
        List<RecordedRequest> requests = simulator.journal();
        assertThat(requests.get(0).body()).contains("\"url\":\"data:image/png;base64,iVBORw==\"");
        // Sent once with its question, not again with the history.
        assertThat(requests.get(1).body()).doesNotContain("data:image");
    }

    @Test
    void myAiHubAnswerShowsThePlanAndItsMonthlyQuota() {
        int status = run("", withoutKey("myaihub", "سلام"));

        assertThat(status).isZero();
        List<String> lines = console.out().lines().toList();
        assertThat(lines.get(0)).startsWith("No API key set (AIFO_API_KEY): talking to the built-in hub simulator at");
        assertThat(lines.get(1)).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
        assertThat(lines.get(2)).isEqualTo("[openai/gpt-5-mini · plan vip · openai 1/80 used, 79 left this month]");
    }

    @Test
    void myAiHubQuotaCommandShowsEveryProviderAndEndOfInputEndsTheChat() {
        int status = run("/quota\nسلام\n/quota\n", withoutKey("myaihub"));

        assertThat(status).isZero();
        assertThat(console.out())
                .contains("> No quota known yet: the hub reports it with each answer, so ask a question first.")
                .containsPattern("> Quota on plan vip for \\d{4}-\\d{2} \\(renews \\d{4}-\\d{2}-01 UTC\\):"
                        + " 1/830 used, 829 left\n"
                        + "  openrouter  0/750 used, 750 left\n"
                        + "  openai      1/80 used, 79 left\n")
                .endsWith("> \n");
    }

    @Test
    void aRejectedKeyIsOneReadableLineAndExitCodeOne(AifoHubSimulator simulator) {
        simulator.rejectKey("sk-revoked");

        int status = run(
                "", "--spring.ai.aifo.base-url=" + simulator.baseUrl(), "--spring.ai.aifo.api-key=sk-revoked", "سلام");

        assertThat(status).isEqualTo(1);
        assertThat(console.out())
                .startsWith("Talking to " + simulator.baseUrl())
                .doesNotContain("پاسخ");
        assertThat(console.err().lines().toList())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Error: ")
                .contains("401", "Incorrect API key provided.")
                .endsWith("Check AIFO_API_KEY.")
                .doesNotContain("sk-revoked");
    }

    @Test
    void aSpentQuotaIsReportedInTheHubsWordsAndExitCodeOne(AifoHubSimulator simulator) {
        simulator.myAiHubUsage(simulator.defaultKey(), "openai", 80);

        int status = run("", atSimulator(simulator, "myaihub", "سلام"));

        assertThat(status).isEqualTo(1);
        assertThat(console.err().lines().toList())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Error: ")
                .contains("سقف ماهانه GPT/OpenAI شما تمام شده است");
    }

    @Test
    void aFailedQuestionDoesNotEndTheInteractiveChat(AifoHubSimulator simulator) {
        simulator.myAiHubKey("basic-key", MyAiHubPlan.BASIC);

        int status = run(
                "سلام\n/model deepseek/deepseek-chat\nدوباره\n/model google/gemini-flash\nباز هم\n/exit\n",
                "--spring.ai.aifo.base-url=" + simulator.baseUrl(),
                "--spring.ai.aifo.api-key=basic-key",
                "--spring.ai.aifo.protocol=myaihub",
                "--spring.ai.aifo.chat.model=openai/gpt-5-mini");

        assertThat(status).isZero();
        List<String> errors = console.err().lines().toList();
        assertThat(errors).hasSize(2).allSatisfy(error -> assertThat(error).startsWith("Error: "));
        assertThat(errors.get(0)).contains("OpenAI");
        assertThat(errors.get(1)).contains("DeepSeek");
        assertThat(console.out())
                .contains("پاسخ شبیه‌ساز MyAIHub به «باز هم»")
                .contains("[google/gemini-flash · plan basic · openrouter 1/150 used, 149 left this month]");
        // The failed questions are not part of the history the answered one was sent with.
        assertThat(simulator.journal().get(2).body()).doesNotContain("سلام", "دوباره");
    }

    @Test
    void anUnreachableHubIsOneReadableLineAndExitCodeOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int status = run(
                "",
                "--spring.ai.aifo.base-url=http://127.0.0.1:" + closedPort,
                "--spring.ai.aifo.api-key=sk-test",
                "--spring.ai.retry.backoff.initial-interval=1ms",
                "سلام");

        assertThat(status).isEqualTo(1);
        assertThat(console.err().lines().toList())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Error: Could not connect to http://127.0.0.1:" + closedPort)
                .endsWith("Check AIFO_BASE_URL and the network.");
        assertThat(console.out()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aConfigurationMistakeStopsTheStartWithOneLineAndExitCodeOne() {
        int status = run("", "--spring.ai.aifo.base-url=api.example.com", "--spring.ai.aifo.api-key=sk-test", "سلام");

        assertThat(status).isEqualTo(1);
        assertThat(console.err())
                .isEqualTo("Error: spring.ai.aifo.base-url 'api.example.com' must be an absolute http or https URL"
                        + " such as https://api.haftominhonar.ir\n");
        assertThat(console.out()).doesNotContain("\tat ");
    }

    private static int run(String stdin, String... args) {
        return CliApplication.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    /** No key, so the built-in simulator answers, whatever the developer's AIFO_* variables say. */
    private static String[] withoutKey(String protocol, String... words) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.ai.aifo.api-key=",
                "--spring.ai.aifo.protocol=" + protocol,
                "--spring.ai.aifo.chat.model=openai/gpt-5-mini"));
        args.addAll(List.of(words));
        return args.toArray(String[]::new);
    }

    /** The test's own simulator, with its default key (VIP on MyAIHub). */
    private static String[] atSimulator(AifoHubSimulator simulator, String protocol, String... words) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.ai.aifo.base-url=" + simulator.baseUrl(),
                "--spring.ai.aifo.api-key=" + simulator.defaultKey(),
                "--spring.ai.aifo.protocol=" + protocol,
                "--spring.ai.aifo.chat.model=openai/gpt-5-mini"));
        args.addAll(List.of(words));
        return args.toArray(String[]::new);
    }

    private static List<String> roleAndContent(JsonNode messages) {
        List<String> turns = new ArrayList<>();
        for (JsonNode message : messages) {
            turns.add(message.path("role").asString() + ": "
                    + message.path("content").asString());
        }
        return turns;
    }
}
