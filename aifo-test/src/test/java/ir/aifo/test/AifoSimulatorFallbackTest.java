package ir.aifo.test;

import static ir.aifo.test.HubCalls.GPT;
import static ir.aifo.test.HubCalls.myAiHub;
import static ir.aifo.test.HubCalls.myAiHubText;
import static ir.aifo.test.HubCalls.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

/** The fallback on a plain environment: which hubs it points at a simulator, and which it leaves alone. */
class AifoSimulatorFallbackTest {

    private static final String HUBS = "spring.ai.aifo.hubs.";

    private final AifoSimulatorFallback fallback = new AifoSimulatorFallback();

    /** An environment with only the given sources, first wins. */
    private static ConfigurableEnvironment environment(MapPropertySource... sources) {
        StandardEnvironment environment = new StandardEnvironment();
        // The machine's variables and the JVM's properties could hold a real key; each test says what is set.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        for (MapPropertySource source : sources) {
            environment.getPropertySources().addLast(source);
        }
        return environment;
    }

    private static MockPropertySource application() {
        return new MockPropertySource("application.properties");
    }

    @Test
    void withoutHubsOrAKeyTheApplicationTalksToASimulator() {
        ConfigurableEnvironment environment = environment(application().withProperty("spring.ai.aifo.chat.model", GPT));

        try (AifoHubSimulator simulator = fallback.simulate(environment)) {
            assertThat(simulator).isNotNull();
            assertThat(environment.getProperty("spring.ai.aifo.base-url")).isEqualTo(simulator.baseUrl());
            assertThat(environment.getProperty("spring.ai.aifo.api-key")).isEqualTo(AifoHubSimulator.DEFAULT_KEY);
            assertThat(environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY))
                    .isEqualTo("true");
            assertThat(openAi(simulator.baseUrl(), "سلام").statusCode()).isEqualTo(200);
            assertThat(simulator.hubs()).isEmpty();
        }
    }

    @Test
    void withoutHubsAKeyKeepsTheRealHub() {
        ConfigurableEnvironment environment =
                environment(application().withProperty("spring.ai.aifo.api-key", "aifo_sk_live_0123456789"));

        fallback.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.ai.aifo.base-url")).isNull();
        assertThat(environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY))
                .isNull();
    }

    @Test
    void turnedOffItStartsNothingEvenForKeylessHubs() {
        ConfigurableEnvironment environment = environment(application()
                .withProperty("aifo.simulator.enabled", "false")
                .withProperty(HUBS + "aifo.base-url", "https://api.haftominhonar.ir"));

        fallback.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(HUBS + "aifo.base-url")).isEqualTo("https://api.haftominhonar.ir");
        assertThat(environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY))
                .isNull();
    }

    @Test
    void eachKeylessHubTalksToItsOwnHubOfOneSimulatorAndAHubWithAKeyKeepsItsSettings() {
        ConfigurableEnvironment environment = environment(
                new MapPropertySource("environment variables", Map.of(HUBS + "tokenhub.api-key", "sk-tokenhub-real")),
                application()
                        .withProperty(HUBS + "aifo.base-url", "https://api.haftominhonar.ir")
                        .withProperty(HUBS + "myaihub.protocol", "myaihub")
                        .withProperty(HUBS + "myaihub.api-key", " ")
                        .withProperty(HUBS + "tokenhub.base-url", "https://tokenhub.example")
                        .withProperty("spring.ai.aifo.routes.chat", "myaihub:openai/gpt-5.2, aifo:openai/gpt-5-mini"));

        try (AifoHubSimulator simulator = fallback.simulate(environment)) {
            assertThat(simulator).isNotNull();
            assertThat(simulator.hubs()).extracting(SimulatedHub::name).containsExactly("aifo", "myaihub");
            for (SimulatedHub hub : simulator.hubs()) {
                assertThat(environment.getProperty(HUBS + hub.name() + ".base-url"))
                        .isEqualTo(hub.baseUrl());
                assertThat(environment.getProperty(HUBS + hub.name() + ".api-key"))
                        .isEqualTo(AifoHubSimulator.DEFAULT_KEY);
            }
            assertThat(openAi(environment.getProperty(HUBS + "aifo.base-url"), "سلام")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(environment.getProperty(HUBS + "myaihub.protocol")).isEqualTo("myaihub");
            assertThat(environment.getProperty(HUBS + "tokenhub.base-url")).isEqualTo("https://tokenhub.example");
            assertThat(environment.getProperty(HUBS + "tokenhub.api-key")).isEqualTo("sk-tokenhub-real");
            assertThat(environment.getProperty("spring.ai.aifo.base-url")).isNull();
            assertThat(environment.getProperty("spring.ai.aifo.api-key")).isNull();
            assertThat(environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY))
                    .isEqualTo("true");
        }
    }

    @Test
    void hubsThatHaveOrInheritAKeyStartNoSimulator() {
        ConfigurableEnvironment environment = environment(application()
                .withProperty("spring.ai.aifo.api-key", "aifo_sk_live_0123456789")
                .withProperty(HUBS + "aifo.base-url", "https://api.haftominhonar.ir")
                .withProperty(HUBS + "myaihub.protocol", "myaihub")
                .withProperty(HUBS + "myaihub.api-key", "MYAIHUB-LIVE-KEY"));

        fallback.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(HUBS + "aifo.base-url")).isEqualTo("https://api.haftominhonar.ir");
        assertThat(environment.getProperty(HUBS + "aifo.api-key")).isNull();
        assertThat(environment.getProperty(HUBS + "myaihub.api-key")).isEqualTo("MYAIHUB-LIVE-KEY");
        assertThat(environment.getProperty(AifoSimulatorFallback.ACTIVE_PROPERTY))
                .isNull();
    }

    @Test
    void quotaSpentInAdvanceRunsOutAfterTheRequestsLeft() {
        ConfigurableEnvironment environment = environment(application()
                .withProperty(HUBS + "myaihub.protocol", "myaihub")
                .withProperty(HUBS + "aifo.protocol", "openai")
                .withProperty("aifo.simulator.hubs.myaihub.used.openai", "78"));

        try (AifoHubSimulator simulator = fallback.simulate(environment)) {
            String myAiHub = environment.getProperty(HUBS + "myaihub.base-url");
            String aifo = environment.getProperty(HUBS + "aifo.base-url");

            assertThat(myAiHubText(myAiHub(myAiHub, AifoHubSimulator.DEFAULT_KEY, GPT, "یک")))
                    .isEqualTo("پاسخ شبیه‌ساز MyAIHub به «یک»");
            assertThat(myAiHubText(myAiHub(myAiHub, AifoHubSimulator.DEFAULT_KEY, GPT, "دو")))
                    .isEqualTo("پاسخ شبیه‌ساز MyAIHub به «دو»");
            assertThat(myAiHubText(myAiHub(myAiHub, AifoHubSimulator.DEFAULT_KEY, GPT, "سه")))
                    .isEqualTo("سقف ماهانه GPT/OpenAI شما تمام شده است.");
            assertThat(myAiHubText(myAiHub(aifo, AifoHubSimulator.DEFAULT_KEY, GPT, "سه")))
                    .as("another hub's quota is whole")
                    .isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سه»");
            assertThat(simulator).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "aifo.simulator.hubs.myaihub.usd.openai | 78   | Unknown simulator setting 'aifo.simulator.hubs.myaihub.usd.openai'",
                "aifo.simulator.hubs.myaihub.used.openai | many | aifo.simulator.hubs.myaihub.used.openai is a number of requests, not 'many'",
                "aifo.simulator.hubs.myaihub.used.gpt   | 78   | aifo.simulator.hubs.myaihub.used.gpt: MyAIHub counts requests per provider 'openrouter' or 'openai'",
                "aifo.simulator.hubs.myaihub.used.openai | -2   | aifo.simulator.hubs.myaihub.used.openai: A key cannot have used -2 requests",
            })
    void aSimulatorSettingItCannotApplyIsRefusedByName(String property, String value, String message) {
        ConfigurableEnvironment environment = environment(
                application().withProperty(HUBS + "myaihub.protocol", "myaihub").withProperty(property, value));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> fallback.postProcessEnvironment(environment, new SpringApplication()))
                .withMessageContaining(message);
        assertThat(environment.getProperty(HUBS + "myaihub.base-url")).isNull();
    }
}
