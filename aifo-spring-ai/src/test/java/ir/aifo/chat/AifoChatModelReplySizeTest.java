package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.error.AifoConnectionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/** A whole reply is read into memory, so its size is bounded: past the limit the call fails, unread. */
class AifoChatModelReplySizeTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String LONG_ANSWER = HubStub.completion("پاسخ ".repeat(2_000));

    @Test
    void aReplyLargerThanTheLimitFailsNamingTheLimitAndIsNotRetried() {
        HubStub.reply(hub, HubStub.json(200, LONG_ANSWER));
        AifoChatModel model =
                HubStub.model(HubStub.connection(hub).maxReplyBytes(4_096)).build();

        Throwable failure = catchThrowable(() -> model.call(new Prompt("یک پاسخ بلند بده")));

        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageContaining("(HTTP 200) is larger than 4096 bytes")
                .hasMessageContaining("maxReplyBytes");
        assertThat(((AifoConnectionException) failure).getStatusCode()).isEqualTo(200);
        assertThat(HubStub.requests(hub))
                .as("a reply the hub sent has likely been counted")
                .hasSize(1);
    }

    @Test
    void aReplyOfExactlyTheLimitIsRead() {
        HubStub.reply(hub, HubStub.json(200, LONG_ANSWER));
        int size = LONG_ANSWER.getBytes(StandardCharsets.UTF_8).length;
        AifoChatModel model =
                HubStub.model(HubStub.connection(hub).maxReplyBytes(size)).build();

        String answer = model.call(new Prompt("یک پاسخ بلند بده"))
                .getResult()
                .getOutput()
                .getText();

        assertThat(answer).isEqualTo("پاسخ ".repeat(2_000));
    }

    @Test
    void aStreamAnsweredWithAnErrorPageLargerThanTheLimitFailsTheSameWay() {
        HubStub.reply(
                hub,
                HubStub.json(502, "<html>" + "خطا ".repeat(5_000) + "</html>").withHeader("Content-Type", "text/html"));
        AifoChatModel model = HubStub.model(HubStub.connection(hub).maxReplyBytes(4_096))
                .retryTemplate(HubStub.fastRetry(0))
                .build();

        Throwable failure =
                catchThrowable(() -> model.stream(new Prompt("سلام")).blockLast(Duration.ofSeconds(10)));

        assertThat(failure)
                .isInstanceOf(AifoConnectionException.class)
                .hasMessageContaining("(HTTP 502) is larger than 4096 bytes");
    }
}
