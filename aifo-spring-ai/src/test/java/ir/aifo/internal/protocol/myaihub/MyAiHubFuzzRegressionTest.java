package ir.aifo.internal.protocol.myaihub;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.DECEMBER_20;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.HubStub;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The MyAIHub bodies that {@code MyAiHubReplyFuzzTest} found mishandled, each reduced to its smallest
 * form and sent over the wire: before the fixes Jackson 3's {@code JsonNodeException} escaped from
 * reading them, where an {@code Aifo...} exception or a response belongs.
 */
class MyAiHubFuzzRegressionTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final Clock december20 = Clock.fixed(DECEMBER_20, ZoneOffset.UTC);

    private AifoChatModel model() {
        return MyAiHubExamples.model(hub, december20)
                .retryTemplate(HubStub.fastRetry(0))
                .build();
    }

    @Test
    void anErrorFlagTooLargeForAnIntIsAnError() {
        reply(hub, 200, "{\"error\":1e400}");

        assertThat(catchThrowable(() -> model().call(new Prompt("سلام")))).isInstanceOf(AifoBadRequestException.class);

        reply(hub, 200, "{\"error\":99999999999999999999,\"reply\":\"x\"}");

        assertThat(catchThrowable(() -> model().call(new Prompt("سلام")))).isInstanceOf(AifoBadRequestException.class);
    }

    @Test
    void aCountThatIsAnArrayReadsAsZeroInAnErrorBody() {
        reply(
                hub,
                200,
                "{\"error\":true,\"plan\":\"vip\",\"usage_breakdown\":{\"openai\":{\"limit\":[],\"remaining\":0}}}");

        Throwable failure = catchThrowable(() -> model().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoException.class).isInstanceOf(RuntimeException.class);
    }

    @Test
    void countsThatAreObjectsOrBeyondADoubleReadAsZeroInAReply() {
        reply(hub, 200, """
                {"error":false,"reply":"پاسخ","source":"openai",
                 "usage":{"used":{},"limit":1%s,"remaining":[1]}}
                """.formatted("0".repeat(400)));

        ChatResponse response = model().call(new Prompt("سلام"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("پاسخ");
        HubQuota quota = response.getMetadata().get(AifoMetadata.QUOTA);
        assertThat(new QuotaBucket(quota.used(), quota.limit(), quota.remaining()))
                .isEqualTo(new QuotaBucket(0, 0, 0));
    }
}
