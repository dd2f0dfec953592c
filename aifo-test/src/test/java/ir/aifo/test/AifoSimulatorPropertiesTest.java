package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the Spring test support registers: the properties, with the values the application will read. */
class AifoSimulatorPropertiesTest {

    @RegisterExtension
    static AifoSimulatorExtension extension = new AifoSimulatorExtension();

    private final Map<String, Supplier<Object>> registered = new TreeMap<>();

    private final DynamicPropertyRegistry registry = registered::put;

    private Map<String, Object> values() {
        Map<String, Object> values = new TreeMap<>();
        registered.forEach((name, value) -> values.put(name, value.get()));
        return values;
    }

    @Test
    void registerHubsPointsEachNamedHubAtItsSimulatedHubWithTheDefaultKey(AifoHubSimulator simulator) {
        AifoSimulatorProperties.registerHubs(registry, simulator, "aifo", "myaihub");

        assertThat(values())
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "spring.ai.aifo.hubs.aifo.base-url",
                        simulator.baseUrl() + "/hubs/aifo",
                        "spring.ai.aifo.hubs.aifo.api-key",
                        AifoHubSimulator.DEFAULT_KEY,
                        "spring.ai.aifo.hubs.myaihub.base-url",
                        simulator.baseUrl() + "/hubs/myaihub",
                        "spring.ai.aifo.hubs.myaihub.api-key",
                        AifoHubSimulator.DEFAULT_KEY)));
        assertThat(simulator.hubs()).extracting(SimulatedHub::name).contains("aifo", "myaihub");
    }

    @Test
    void registerHubsRefusesNoNamesAndBadNames(AifoHubSimulator simulator) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoSimulatorProperties.registerHubs(registry, simulator))
                .withMessageContaining("at least one hub");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoSimulatorProperties.registerHubs(registry, simulator, "my hub"))
                .withMessageContaining("letters, digits");
        assertThat(registered).isEmpty();
    }

    @Test
    void registerMyAiHubPointsTheSingleHubAtTheDefaultHub(AifoHubSimulator simulator) {
        AifoSimulatorProperties.registerMyAiHub(registry, simulator);

        assertThat(values())
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "spring.ai.aifo.base-url",
                        simulator.baseUrl(),
                        "spring.ai.aifo.api-key",
                        AifoHubSimulator.DEFAULT_KEY,
                        "spring.ai.aifo.protocol",
                        "myaihub")));
    }
}
