package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/** Building a model makes no JDK client: that is left to the first request, or to {@code warmUp()}. */
class AifoChatModelLazyStartTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final AtomicInteger clientsMade = new AtomicInteger();

    private HttpClient countedClient() {
        clientsMade.incrementAndGet();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void theClientIsMadeOnTheFirstRequestAndThenReused() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        AifoChatModel model =
                HubStub.model(hub).httpClientFactory(this::countedClient).build();
        assertThat(clientsMade).hasValue(0);

        model.call(new Prompt("یک"));
        model.call(new Prompt("دو"));

        assertThat(clientsMade).hasValue(1);
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void warmUpMakesTheClientOnceSoTheFirstRequestFindsItReady() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        AifoChatModel model =
                HubStub.model(hub).httpClientFactory(this::countedClient).build();

        model.warmUp();
        model.warmUp();
        assertThat(clientsMade).hasValue(1);

        assertThat(model.call(new Prompt("سلام")).getResult().getOutput().getText())
                .isEqualTo("سلام");
        assertThat(clientsMade).hasValue(1);
    }

    @Test
    void configurationMistakesStillFailTheBuildNotTheFirstRequest() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoChatModel.builder().apiKey(" ").build())
                .withMessageContaining("API key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoChatModel.builder()
                        .apiKey(HubStub.API_KEY)
                        .defaultOptions(
                                AifoChatOptions.builder().temperature(7.0).build())
                        .build())
                .withMessageContaining("temperature");
    }
}
