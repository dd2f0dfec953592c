package ir.aifo.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.MyAiHubPlan;
import ir.aifo.test.RecordedRequest;
import ir.aifo.test.SimulatedHub;
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
 * what it prints: offline as a newcomer runs it (the built-in simulator stands in for both hubs), and
 * against the test's own simulator, whose hubs {@code myaihub} and {@code aifo} can be spent, refused
 * or broken one at a time.
 */
class CliApplicationTest {

    /** A simulator of the test's own, for tests that read its journals or set up keys and faults. */
    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    /** What the CLI prints, as a terminal would show it. */
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The aifo hub's key at the test's simulator: not MyAIHub's, so each hub's quota is its own. */
    private static final String AIFO_KEY = "aifo_sk_test_aifo";

    @Test
    void withoutKeysAnswersOneQuestionFromTheSimulatedMyAiHubSaysSoAndExitsWithZero() {
        int status = run("", offline("سلام"));

        assertThat(status).isZero();
        assertThat(console.out().lines().toList())
                .containsExactly(
                        "No API key set for myaihub and aifo (MYAIHUB_API_KEY, AIFO_API_KEY): every answer is"
                                + " simulated, by the built-in hub simulator",
                        "Questions go to route smart: myaihub:openai/gpt-5-mini, then aifo:openai/gpt-5-mini",
                        "پاسخ شبیه‌ساز MyAIHub به «سلام»",
                        "[answered by myaihub (simulated) · openai/gpt-5-mini · plan vip · openai 79/80 used,"
                                + " 1 left this month]");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void joinsTheArgumentsIntoOneQuestion() {
        int status = run("", offline("حال", "شما", "چطور", "است؟"));

        assertThat(status).isZero();
        assertThat(console.out()).contains("پاسخ شبیه‌ساز MyAIHub به «حال شما چطور است؟»");
    }

    @Test
    void offlineTheThirdQuestionFallsBackToAifoAndHubsShowsWhy() {
        int status = run("سلام\nدوباره\nسوم\n/hubs\n/exit\n", offline());

        assertThat(status).isZero();
        assertThat(console.out())
                .contains("> پاسخ شبیه‌ساز MyAIHub به «سلام»\n[answered by myaihub (simulated) · openai/gpt-5-mini"
                        + " · plan vip · openai 79/80 used, 1 left this month]\n")
                .contains("> پاسخ شبیه‌ساز MyAIHub به «دوباره»\n[answered by myaihub (simulated) · openai/gpt-5-mini"
                        + " · plan vip · openai 80/80 used, 0 left this month]\n")
                .containsPattern("> پاسخ شبیه‌ساز به «سوم»\n\\[answered by aifo \\(simulated\\), after myaihub: quota"
                        + " spent, not sent · openai/gpt-5-mini · requests 499/500 left, resets in 1m · tokens \\d+/200000"
                        + " left, resets in 20ms]\n")
                .containsPattern("> Hubs:\n"
                        + "  myaihub  myaihub at http://127\\.0\\.0\\.1:\\d+/hubs/myaihub, simulated \\(MYAIHUB_API_KEY"
                        + " is not set\\)\n"
                        + "           quota: plan vip · \\d{4}-\\d{2} · openrouter 0/750 used, 750 left · openai 80/80"
                        + " used, 0 left\n"
                        + "  aifo     openai at http://127\\.0\\.0\\.1:\\d+/hubs/aifo, simulated \\(AIFO_API_KEY is not"
                        + " set\\)\n"
                        + "           quota: requests 499/500 left, resets in \\d+s · tokens \\d+/200000 left.*\n"
                        + "Routes:\n"
                        + "  smart \\(default\\): myaihub:openai/gpt-5-mini, then aifo:openai/gpt-5-mini\n"
                        + "    myaihub:openai/gpt-5-mini skipped until \\d{4}-\\d{2}-01T00:00:00Z \\(in .+\\): quota"
                        + " spent, the openai bucket is spent, as the hub last reported\n");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void withOnlyAifosKeyMyAiHubIsSimulatedAndEachLineSaysWhichAnswersAre(AifoHubSimulator simulator) {
        String aifo = simulator.hub("aifo").baseUrl();

        int status = run(
                "سلام\nدوباره\nسوم\n/exit\n",
                "--spring.ai.aifo.api-key=",
                "--spring.ai.aifo.hubs.myaihub.api-key=",
                "--spring.ai.aifo.hubs.aifo.base-url=" + aifo,
                "--spring.ai.aifo.hubs.aifo.api-key=" + AIFO_KEY);

        assertThat(status).isZero();
        assertThat(console.out().lines().toList().get(0))
                .isEqualTo("No API key set for myaihub (MYAIHUB_API_KEY): its answers are simulated, by the built-in"
                        + " hub simulator; talking to aifo at " + aifo);
        assertThat(console.out())
                .contains("[answered by myaihub (simulated) · openai/gpt-5-mini · plan vip · openai 80/80 used")
                .contains("> پاسخ شبیه‌ساز به «سوم»\n[answered by aifo, after myaihub: quota spent, not sent"
                        + " · openai/gpt-5-mini · requests 499/500 left");
        assertThat(simulator.hub("aifo").journal()).hasSize(1);
    }

    @Test
    void myAiHubQuotaCommandShowsEveryProviderAndEndOfInputEndsTheChat() {
        int status = run("/quota\nسلام\n/quota\n", offline());

        assertThat(status).isZero();
        assertThat(console.out())
                .contains("> No quota known yet: the hub reports it with each answer, so ask a question first.")
                .containsPattern("> myaihub's quota on plan vip for \\d{4}-\\d{2} \\(renews \\d{4}-\\d{2}-01 UTC\\):"
                        + " 79/830 used, 751 left\n"
                        + "  openrouter  0/750 used, 750 left\n"
                        + "  openai      79/80 used, 1 left\n")
                .endsWith("> \n");
    }

    @Test
    void interactiveChatKeepsTheConversationAndSwitchesRoute(AifoHubSimulator simulator) {
        int status = run(
                "سلام\n/model\n/model openai/gpt-4o\n/model gpt4o\nدوباره\n/quota\n/exit\n",
                atSimulator(simulator, "--spring.ai.aifo.routes.gpt4o=aifo:openai/gpt-4o"));

        assertThat(status).isZero();
        List<String> lines = console.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("Talking to myaihub at " + simulator.hub("myaihub").baseUrl() + " and aifo at "
                        + simulator.hub("aifo").baseUrl());
        assertThat(console.out())
                .contains("> پاسخ شبیه‌ساز MyAIHub به «سلام»\n[answered by myaihub · openai/gpt-5-mini · plan vip"
                        + " · openai 1/80 used, 79 left this month]\n")
                .contains("> Questions go to route smart: myaihub:openai/gpt-5-mini, then aifo:openai/gpt-5-mini."
                        + " /model <route> switches; the routes: smart, gpt4o.\n")
                .contains("> The following questions go to route gpt4o: aifo:openai/gpt-4o.\n")
                .contains("> پاسخ شبیه‌ساز به «دوباره»\n[answered by aifo · openai/gpt-4o · requests 499/500 left")
                .contains("> Rate limits aifo reported with the last answer:\n  requests 499/500 left, resets in 1m\n");
        assertThat(console.err())
                .isEqualTo("'openai/gpt-4o' is not a route; the routes: smart, gpt4o. To ask a model of one hub, add"
                        + " a route for it, such as --spring.ai.aifo.routes.gpt4o=aifo:openai/gpt-4o, then /model"
                        + " gpt4o.\n");

        assertThat(simulator.hub("myaihub").journal()).hasSize(1);
        List<RecordedRequest> toAifo = simulator.hub("aifo").journal();
        assertThat(toAifo).hasSize(1);
        JsonNode second = JSON.readTree(toAifo.get(0).body());
        assertThat(second.path("model").asString()).isEqualTo("openai/gpt-4o");
        assertThat(second.path("stream").asBoolean()).isTrue();
        // The other hub's answer is part of the conversation the next hub is sent.
        assertThat(roleAndContent(second.path("messages")))
                .containsExactly("user: سلام", "assistant: پاسخ شبیه‌ساز MyAIHub به «سلام»", "user: دوباره");
    }

    @Test
    void attachesAnImageToTheNextQuestionOnly(AifoHubSimulator simulator, @TempDir Path folder) throws IOException {
        Path photo = Files.write(folder.resolve("photo.PNG"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        int status = run(
                "/model vision\n/image " + photo + "\nاین چیست؟\nو این؟\n/image " + folder.resolve("missing.png")
                        + "\n/help\n",
                atSimulator(simulator, "--spring.ai.aifo.routes.vision=aifo:openai/gpt-5-mini"));

        assertThat(status).isZero();
        assertThat(console.out())
                .contains("Attached photo.PNG (image/png, 4 bytes) to the next question.")
                .contains("پاسخ شبیه‌ساز به «این چیست؟ (+1 تصویر)»")
                .contains("پاسخ شبیه‌ساز به «و این؟»")
                .contains("/image <path>  attach an image")
                .contains("/hubs          each hub: address, simulated or not, last known quota, cool-down");
        assertThat(console.err()).isEqualTo("No image file at " + folder.resolve("missing.png") + "\n");
        List<RecordedRequest> requests = simulator.hub("aifo").journal();
        assertThat(requests.get(0).body()).contains("\"url\":\"data:image/png;base64,iVBORw==\"");
        // Sent once with its question, not again with the history.
        assertThat(requests.get(1).body()).doesNotContain("data:image");
    }

    @Test
    void whenNoHubCanAnswerTheErrorIsOneLineThatSaysWhyForEachAndNamesTheKeyToCheck(AifoHubSimulator simulator) {
        simulator.hub("myaihub").myAiHubUsage(simulator.defaultKey(), "openai", 80);
        simulator.hub("aifo").rejectKey("sk-revoked");

        int status = run("", withKeys(simulator, simulator.defaultKey(), "sk-revoked", "سلام"));

        assertThat(status).isEqualTo(1);
        assertThat(console.out()).doesNotContain("پاسخ");
        assertThat(console.err().lines().toList())
                .singleElement(STRING)
                .startsWith("Error: No target of route 'smart' could answer: myaihub:openai/gpt-5-mini: quota spent"
                        + " (the openai bucket is spent)")
                .contains("aifo:openai/gpt-5-mini: key refused (401: Incorrect API key provided.)")
                .endsWith("Check AIFO_API_KEY.")
                .doesNotContain("sk-revoked");
    }

    @Test
    void aFailedQuestionDoesNotEndTheInteractiveChat(AifoHubSimulator simulator) {
        SimulatedHub myAiHub = simulator.hub("myaihub").myAiHubKey("basic-key", MyAiHubPlan.BASIC);
        simulator.hub("aifo").rejectKey(AIFO_KEY);

        int status = run(
                "سلام\n/model gemini\nباز هم\n/exit\n",
                withKeys(
                        simulator,
                        "basic-key",
                        AIFO_KEY,
                        "--spring.ai.aifo.routes.gemini=myaihub:google/gemini-flash"));

        assertThat(status).isZero();
        assertThat(console.err().lines().toList())
                .singleElement(STRING)
                .startsWith("Error: No target of route 'smart' could answer: myaihub:openai/gpt-5-mini: model not in"
                        + " the plan (the basic plan does not include openai/gpt-5-mini)")
                .contains("aifo:openai/gpt-5-mini: key refused");
        assertThat(console.out())
                .contains("پاسخ شبیه‌ساز MyAIHub به «باز هم»")
                .contains("[answered by myaihub · google/gemini-flash · plan basic · openrouter 1/150 used, 149 left"
                        + " this month]");
        // The route's own log line about the refused key would repeat the error line: the chat shows no logs.
        assertThat(console.out()).doesNotContain("Routes skip", "WARN");
        // The failed question is not part of the history the answered one was sent with.
        assertThat(myAiHub.journal().get(1).body()).doesNotContain("سلام");
    }

    @Test
    void unreachableHubsAreOneReadableLineAndExitCodeOne() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }

        int status = run(
                "",
                "--spring.ai.aifo.hubs.myaihub.base-url=" + closed,
                "--spring.ai.aifo.hubs.myaihub.api-key=sk-test",
                "--spring.ai.aifo.hubs.aifo.base-url=" + closed,
                "--spring.ai.aifo.hubs.aifo.api-key=sk-test",
                "--spring.ai.retry.backoff.initial-interval=1ms",
                "سلام");

        assertThat(status).isEqualTo(1);
        assertThat(console.err().lines().toList())
                .singleElement(STRING)
                .startsWith("Error: No target of route 'smart' could answer: myaihub:openai/gpt-5-mini: failing (Could"
                        + " not connect to " + closed)
                .endsWith("Check the hubs' addresses (spring.ai.aifo.hubs.<hub>.base-url) and the network.");
        assertThat(console.out()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aConfigurationMistakeStopsTheStartWithOneLineAndExitCodeOne() {
        int status = run(
                "",
                "--spring.ai.aifo.hubs.aifo.base-url=api.example.com",
                "--spring.ai.aifo.hubs.aifo.api-key=sk-test",
                "سلام");

        assertThat(status).isEqualTo(1);
        assertThat(console.err())
                .isEqualTo("Error: spring.ai.aifo.hubs.aifo.base-url 'api.example.com' must be an absolute http or"
                        + " https URL such as https://api.haftominhonar.ir\n");
        assertThat(console.out()).doesNotContain("\tat ");
    }

    private static int run(String stdin, String... args) {
        return CliApplication.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    /** No keys, so the built-in simulator stands in for both hubs, whatever the developer's variables say. */
    private static String[] offline(String... words) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.ai.aifo.api-key=",
                "--spring.ai.aifo.hubs.myaihub.api-key=",
                "--spring.ai.aifo.hubs.aifo.api-key="));
        args.addAll(List.of(words));
        return args.toArray(String[]::new);
    }

    /**
     * Both hubs at the test's own simulator, myaihub with the default (VIP) key, aifo with a key of its
     * own; the built-in one stays off.
     */
    private static String[] atSimulator(AifoHubSimulator simulator, String... more) {
        return withKeys(simulator, simulator.defaultKey(), AIFO_KEY, more);
    }

    /** As {@link #atSimulator}, with the hubs' keys given; each once, since Boot joins repeated options' values. */
    private static String[] withKeys(AifoHubSimulator simulator, String myAiHubKey, String aifoKey, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--aifo.simulator.enabled=false",
                "--spring.ai.aifo.hubs.myaihub.base-url="
                        + simulator.hub("myaihub").baseUrl(),
                "--spring.ai.aifo.hubs.myaihub.api-key=" + myAiHubKey,
                "--spring.ai.aifo.hubs.aifo.base-url=" + simulator.hub("aifo").baseUrl(),
                "--spring.ai.aifo.hubs.aifo.api-key=" + aifoKey));
        args.addAll(List.of(more));
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
