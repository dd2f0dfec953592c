package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.quota.HubQuota;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

class AifoHubSimulatorSmokeTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    @Test
    void openAiDialectAnswersCallsAndStreams(AifoHubSimulator simulator) {
        ChatClient chat = ChatClient.create(AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(simulator.baseUrl())
                        .apiKey(simulator.defaultKey())
                        .build())
                .build());

        String answer = chat.prompt().user("سلام").call().content();
        List<String> pieces =
                chat.prompt().user("سلام").stream().content().collectList().block();

        assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(String.join("", pieces)).isEqualTo(answer);
        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(simulator.journal()).hasSize(2);
        assertThat(simulator.journal().get(0).headers().get("authorization")).isEqualTo("Bearer [redacted]");
    }

    @Test
    void myAiHubDialectReportsTheQuota(AifoHubSimulator simulator) {
        AifoChatModel model = AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(simulator.baseUrl())
                        .apiKey(simulator.defaultKey())
                        .protocol(AifoProtocol.MYAIHUB)
                        .build())
                .defaultOptions(
                        AifoChatOptions.builder().model("openai/gpt-5.2").build())
                .build();

        ChatResponse response =
                ChatClient.create(model).prompt().user("سلام").call().chatResponse();

        assertThat(response.getResult().getOutput().getText()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
        HubQuota quota = response.getMetadata().get(AifoMetadata.QUOTA);
        assertThat(quota.plan()).isEqualTo("vip");
        assertThat(quota.bucket("openai").orElseThrow().used()).isEqualTo(1);
        assertThat(simulator.journal().get(0).body())
                .doesNotContain(simulator.defaultKey())
                .contains("[redacted]");
    }
}
