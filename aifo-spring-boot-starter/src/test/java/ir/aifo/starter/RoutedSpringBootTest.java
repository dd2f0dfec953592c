package ir.aifo.starter;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.AifoSimulatorProperties;
import ir.aifo.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's recipe for a routed application's tests: "MyAIHub runs out after two answers". */
@SpringBootTest
// What a route learns (a spent bucket, a cool-down) is the application's: each test starts a fresh one.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class RoutedSpringBootTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    // The route's line about MyAIHub's spent quota, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class);

    @DynamicPropertySource
    static void hubs(DynamicPropertyRegistry registry) {
        AifoSimulatorProperties.registerHubs(registry, hub.simulator(), "myaihub", "aifo");
        registry.add("spring.ai.aifo.hubs.myaihub.protocol", () -> "myaihub");
        registry.add("spring.ai.aifo.routes.smart", () -> "myaihub:openai/gpt-5-mini, aifo:openai/gpt-5-mini");
        registry.add("spring.ai.aifo.default-route", () -> "smart");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Autowired
    ChatClient.Builder chat;

    @Autowired
    @Qualifier("aifo")
    ChatModel aifo;

    @Test
    void fallsBackWhenMyAiHubRunsOut(AifoHubSimulator simulator) {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 78);

        List<String> answeredBy = List.of(hubOf(ask()), hubOf(ask()), hubOf(ask()));

        assertThat(answeredBy).containsExactly("myaihub", "myaihub", "aifo");
        assertThat(simulator.hub("myaihub").journal()).hasSize(2);
        assertThat(simulator.hub("aifo").journal()).hasSize(1);
    }

    @Test
    void theFallbackSaysWhoWasSkippedAndWhy(AifoHubSimulator simulator) {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);

        ChatResponse response = ask();

        assertThat(hubOf(response)).isEqualTo("aifo");
        assertThat(response.getMetadata().<List<TargetUnavailable>>get(AifoMetadata.FALLBACKS))
                .extracting(TargetUnavailable::reason)
                .containsExactly(TargetUnavailable.Reason.QUOTA_SPENT);
    }

    @Test
    void eachHubStaysInjectableByName(AifoHubSimulator simulator) {
        String answer = ChatClient.create(aifo).prompt().user("سلام").call().content();

        assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(simulator.hub("aifo").journal()).hasSize(1);
        assertThat(simulator.hub("myaihub").journal()).isEmpty();
    }

    private ChatResponse ask() {
        return chat.build().prompt().user("سلام").call().chatResponse();
    }

    private static String hubOf(ChatResponse response) {
        return response.getMetadata().get(AifoMetadata.HUB);
    }
}
