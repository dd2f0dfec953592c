package ir.aifo.test;

import static ir.aifo.test.HubCalls.GPT;
import static ir.aifo.test.HubCalls.myAiHub;
import static ir.aifo.test.HubCalls.myAiHubText;
import static ir.aifo.test.HubCalls.openAi;
import static ir.aifo.test.HubCalls.openAiText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.prompt.Prompt;

/** Named hubs: both dialects under {@code /hubs/<name>} of one server, each hub with state of its own. */
class SimulatedHubTest {

    private static final String ANSWER = "پاسخ شبیه‌ساز به «سلام»";

    private static final String MYAIHUB_ANSWER = "پاسخ شبیه‌ساز MyAIHub به «سلام»";

    private static final String GPT_SPENT = "سقف ماهانه GPT/OpenAI شما تمام شده است.";

    @RegisterExtension
    static AifoSimulatorExtension extension = new AifoSimulatorExtension();

    @Test
    void namedHubAnswersBothDialectsUnderItsPrefix(AifoHubSimulator simulator) {
        SimulatedHub hub = simulator.hub("tokenhub");

        HttpResponse<String> openAi = openAi(hub.baseUrl(), "سلام");
        HttpResponse<String> myAiHub = myAiHub(hub.baseUrl(), hub.defaultKey(), GPT, "سلام");

        assertThat(hub.baseUrl()).isEqualTo(simulator.baseUrl() + "/hubs/tokenhub");
        assertThat(hub.name()).isEqualTo("tokenhub");
        assertThat(openAi.statusCode()).isEqualTo(200);
        assertThat(openAiText(openAi)).isEqualTo(ANSWER);
        assertThat(myAiHubText(myAiHub)).isEqualTo(MYAIHUB_ANSWER);
        assertThat(hub.journal())
                .extracting(RecordedRequest::path)
                .containsExactly("/hubs/tokenhub/v1/chat/completions", "/hubs/tokenhub/api/chat_v3.php");
        assertThat(hub.journal().get(1).body()).doesNotContain(hub.defaultKey());
        assertThat(simulator.journal()).isEmpty();
    }

    @Test
    void libraryTalksToANamedHubThroughItsBaseUrl(AifoHubSimulator simulator) {
        SimulatedHub hub = simulator.hub("library");
        AifoConnection.Builder connection =
                AifoConnection.builder().baseUrl(hub.baseUrl()).apiKey(hub.defaultKey());

        String openAi =
                AifoChatModel.builder().connection(connection.build()).build().call("سلام");
        String myAiHub = AifoChatModel.builder()
                .connection(connection.protocol(AifoProtocol.MYAIHUB).build())
                .build()
                .call(new Prompt("سلام", AifoChatOptions.builder().model(GPT).build()))
                .getResult()
                .getOutput()
                .getText();

        assertThat(openAi).isEqualTo(ANSWER);
        assertThat(myAiHub).isEqualTo(MYAIHUB_ANSWER);
        assertThat(hub.journal()).hasSize(2);
    }

    @Test
    void hubsKeepTheirOwnPlansAndMonthlyCounters(AifoHubSimulator simulator) {
        SimulatedHub spent = simulator.hub("spent").myAiHubKey("PRO-KEY-0101", MyAiHubPlan.PRO);
        SimulatedHub fresh = simulator.hub("fresh");
        spent.myAiHubUsage(spent.defaultKey(), "openai", 80);

        assertThat(myAiHubText(myAiHub(spent.baseUrl(), spent.defaultKey(), GPT, "سلام")))
                .isEqualTo(GPT_SPENT);
        assertThat(myAiHubText(myAiHub(fresh.baseUrl(), fresh.defaultKey(), GPT, "سلام")))
                .isEqualTo(MYAIHUB_ANSWER);
        assertThat(myAiHubText(myAiHub(simulator.baseUrl(), simulator.defaultKey(), GPT, "سلام")))
                .isEqualTo(MYAIHUB_ANSWER);
        assertThat(myAiHubText(myAiHub(spent.baseUrl(), "PRO-KEY-0101", "deepseek/deepseek-chat", "سلام")))
                .isEqualTo(MYAIHUB_ANSWER);
        assertThat(myAiHubText(myAiHub(fresh.baseUrl(), "PRO-KEY-0101", "deepseek/deepseek-chat", "سلام")))
                .as("a key registered on another hub")
                .isEqualTo("License key نامعتبر است یا فعال نیست.");
    }

    @Test
    void aFaultQueuedOnOneHubHitsOnlyThatHub(AifoHubSimulator simulator) {
        SimulatedHub failing = simulator.hub("failing").failNext(1, SimulatedFault.serverError());
        SimulatedHub healthy = simulator.hub("healthy");

        assertThat(openAi(healthy.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(simulator.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(failing.baseUrl(), "سلام").statusCode()).isEqualTo(500);
        assertThat(openAi(failing.baseUrl(), "سلام").statusCode()).isEqualTo(200);
    }

    @Test
    void aFaultQueuedOnTheSimulatorHitsOnlyTheDefaultHub(AifoHubSimulator simulator) {
        SimulatedHub named = simulator.hub("named");
        simulator.failNext(1, SimulatedFault.htmlErrorPage());

        assertThat(openAi(named.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(simulator.baseUrl(), "سلام").statusCode()).isEqualTo(502);
    }

    @Test
    void rejectedKeysAndRequestWindowsBelongToOneHub(AifoHubSimulator simulator) {
        SimulatedHub refusing = simulator.hub("refusing").rejectKey(AifoHubSimulator.DEFAULT_KEY);
        SimulatedHub narrow = simulator.hub("narrow").openAiRequestLimit(1, Duration.ofMinutes(10));
        SimulatedHub open = simulator.hub("open");

        assertThat(openAi(refusing.baseUrl(), "سلام").statusCode()).isEqualTo(401);
        assertThat(openAi(narrow.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(narrow.baseUrl(), "سلام").statusCode()).isEqualTo(429);
        assertThat(openAi(open.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(open.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(simulator.baseUrl(), "سلام").statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestAppearsOnlyInTheJournalOfTheHubItWentTo(AifoHubSimulator simulator) {
        SimulatedHub first = simulator.hub("first");
        SimulatedHub second = simulator.hub("second");

        openAi(first.baseUrl(), "یک");
        openAi(second.baseUrl(), "دو");
        openAi(second.baseUrl(), "سه");

        assertThat(first.journal())
                .singleElement()
                .satisfies(request -> assertThat(request.body()).contains("یک"));
        assertThat(second.journal()).extracting(RecordedRequest::body).allMatch(body -> !body.contains("یک"));
        assertThat(second.journal()).hasSize(2);
        assertThat(simulator.journal()).isEmpty();
    }

    @Test
    void resetClearsEveryHubAndKeepsPlansAndHubs(AifoHubSimulator simulator) {
        SimulatedHub named = simulator.hub("reset-me").myAiHubKey("BASIC-KEY-0102", MyAiHubPlan.BASIC);
        named.failNext(5, SimulatedFault.serverError())
                .rejectKey(AifoHubSimulator.DEFAULT_KEY)
                .myAiHubUsage(named.defaultKey(), "openai", 80);
        simulator.failNext(5, SimulatedFault.serverError());
        openAi(named.baseUrl(), "سلام");
        openAi(simulator.baseUrl(), "سلام");

        simulator.reset();

        assertThat(named.journal()).isEmpty();
        assertThat(simulator.journal()).isEmpty();
        assertThat(simulator.hubs()).contains(named);
        assertThat(openAi(named.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(openAi(simulator.baseUrl(), "سلام").statusCode()).isEqualTo(200);
        assertThat(myAiHubText(myAiHub(named.baseUrl(), named.defaultKey(), GPT, "سلام")))
                .isEqualTo(MYAIHUB_ANSWER);
        assertThat(myAiHubText(myAiHub(named.baseUrl(), "BASIC-KEY-0102", "qwen/qwen-2.5-7b-instruct", "سلام")))
                .isEqualTo(MYAIHUB_ANSWER);
    }

    @Test
    void aHubIsCreatedOnceAndListedByName(AifoHubSimulator simulator) {
        SimulatedHub zeta = simulator.hub("zeta-hub");
        SimulatedHub alpha = simulator.hub("alpha.hub_2");

        assertThat(simulator.hub("zeta-hub")).isSameAs(zeta);
        assertThat(simulator.hubs()).containsSubsequence(alpha, zeta);
        assertThat(simulator.hubs()).extracting(SimulatedHub::name).isSorted();
    }

    @Test
    void unknownHubAnswers404NamingTheHubsThatExist() {
        try (AifoHubSimulator simulator = AifoHubSimulator.start()) {
            HttpResponse<String> none = openAi(simulator.baseUrl() + "/hubs/tokenhub", "سلام");
            simulator.hub("myaihub");
            simulator.hub("aifo");

            HttpResponse<String> unknown = openAi(simulator.baseUrl() + "/hubs/tokenhub", "سلام");

            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).contains("'tokenhub'").contains("no named hubs");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("'tokenhub'").contains("aifo, myaihub");
            assertThat(simulator.journal()).isEmpty();
        }
    }

    @Test
    void aPathBelowANamedHubThatNoDialectServesIs404(AifoHubSimulator simulator) {
        SimulatedHub hub = simulator.hub("paths");

        HttpResponse<String> response = HubCalls.post(hub.baseUrl() + "/v1/embeddings", null, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No hub endpoint at /hubs/paths/v1/embeddings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "my hub", "a/b", ".", "..", "hub?x", "تهران", "hub%20x"})
    void aNameThatIsNotOnePlainPathSegmentIsRefused(String name) {
        try (AifoHubSimulator simulator = AifoHubSimulator.start()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> simulator.hub(name))
                    .withMessageContaining("letters, digits, '.', '_' and '-'")
                    .withMessageContaining("'" + name + "'");
            assertThat(simulator.hubs()).isEmpty();
        }
    }

    @Test
    void usageOfAProviderMyAiHubDoesNotCountIsRefused(AifoHubSimulator simulator) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> simulator.hub("usage").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "gpt", 78))
                .withMessageContaining("'openrouter' or 'openai'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> simulator.myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", -1))
                .withMessageContaining("0 or more");
    }
}
