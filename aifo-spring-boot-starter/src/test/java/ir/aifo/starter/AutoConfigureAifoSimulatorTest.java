package ir.aifo.starter;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AutoConfigureAifoSimulator;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** The README's testing example: one annotation, and the starter talks to a simulator the test can steer. */
class AutoConfigureAifoSimulatorTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Nested
    @SpringBootTest(classes = Application.class)
    @AutoConfigureAifoSimulator
    class OneHub {

        // The retry's WARN line, kept out of the build's output.
        @RegisterExtension
        final LogCapture logs = LogCapture.of("ir.aifo.chat");

        @Autowired
        ChatClient.Builder chat;

        @Autowired
        AifoHubSimulator simulator;

        @Test
        void answersThroughTheSimulatorAndRetriesAtOnce() {
            simulator.reset();
            simulator.failNext(1, SimulatedFault.serverError());

            long started = System.nanoTime();
            String answer = chat.build().prompt("سلام").call().content();

            assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
            assertThat(simulator.journal()).hasSize(2);
            // The retry waited a millisecond, not Spring AI's default two seconds.
            assertThat(System.nanoTime() - started).isLessThan(1_500_000_000L);
        }
    }

    @Nested
    @SpringBootTest(
            classes = Application.class,
            properties = {
                "spring.ai.aifo.hubs.myaihub.protocol=myaihub",
                "spring.ai.aifo.hubs.aifo.chat.model=openai/gpt-5-mini",
                "spring.ai.aifo.routes.smart=myaihub:openai/gpt-5-mini, aifo:openai/gpt-5-mini",
                "spring.ai.aifo.default-route=smart"
            })
    @AutoConfigureAifoSimulator
    class NamedHubs {

        // The route's line about MyAIHub's spent quota, kept out of the build's output.
        @RegisterExtension
        final LogCapture logs = LogCapture.of("ir.aifo.routing");

        @Autowired
        ChatClient.Builder chat;

        @Autowired
        AifoHubSimulator simulator;

        @Test
        void everyHubIsAtTheSimulatorsHubOfItsName() {
            simulator.reset();
            simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);

            ChatResponse response = chat.build().prompt("سلام").call().chatResponse();

            assertThat(response.getMetadata().<String>get(AifoMetadata.HUB)).isEqualTo("aifo");
            assertThat(simulator.hub("myaihub").journal()).hasSize(1);
            assertThat(simulator.hub("aifo").journal()).hasSize(1);
        }
    }
}
