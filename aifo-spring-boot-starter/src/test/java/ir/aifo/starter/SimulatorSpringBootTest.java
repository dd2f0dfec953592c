package ir.aifo.starter;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.AifoSimulatorProperties;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's recipe for users' own tests: the simulator as a JUnit extension behind @SpringBootTest. */
@SpringBootTest(properties = "spring.ai.retry.backoff.initial-interval=10ms")
class SimulatorSpringBootTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("ir.aifo.chat.HubRetry");

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        AifoSimulatorProperties.register(registry, hub.simulator());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Autowired
    ChatClient.Builder chat;

    @Test
    void applicationTalksToTheSimulator(AifoHubSimulator simulator) {
        String answer = chat.build().prompt().user("سلام").call().content();

        assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(simulator.journal()).hasSize(1);
    }

    @Test
    void faultsAreRetriedWithSpringAiRetrySettings(AifoHubSimulator simulator) {
        simulator.failNext(2, SimulatedFault.serverError());

        List<String> pieces = chat.build().prompt().user("سلام").stream()
                .content()
                .collectList()
                .block();

        assertThat(String.join("", pieces)).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(simulator.journal()).hasSize(3);
    }
}
