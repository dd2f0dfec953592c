package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Building a model makes no JDK client: that is left to the first request, or to {@code warmUp()}.
 * Blocking calls then complete on the client's selector thread, streams on its executor.
 */
class AifoChatModelLazyStartTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final AtomicInteger clientsBuilt = new AtomicInteger();

    /** A JDK client builder that counts the clients built from it. */
    private HttpClient.Builder countingBuilder(HttpClient.Builder real) {
        return (HttpClient.Builder) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpClient.Builder.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (method.getName().equals("build")) {
                        clientsBuilt.incrementAndGet();
                    }
                    return result == real ? proxy : result;
                });
    }

    @Test
    void theClientsAreBuiltOnTheFirstRequestAndThenReused() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        AifoChatModel model = HubStub.model(HubStub.connection(hub).httpClientCustomizer(this::countingBuilder))
                .build();
        assertThat(clientsBuilt).hasValue(0);

        model.call(new Prompt("یک"));
        model.call(new Prompt("دو"));

        assertThat(clientsBuilt).as("one for calls, one for streams").hasValue(2);
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void warmUpBuildsTheClientsOnceSoTheFirstRequestFindsThemReady() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        AifoChatModel model = HubStub.model(HubStub.connection(hub).httpClientCustomizer(this::countingBuilder))
                .build();

        model.warmUp();
        model.warmUp();
        assertThat(clientsBuilt).hasValue(2);

        assertThat(model.call(new Prompt("سلام")).getResult().getOutput().getText())
                .isEqualTo("سلام");
        assertThat(clientsBuilt).hasValue(2);
    }

    @Test
    void blockingCallsLeaveTheApplicationsExecutorAloneAndStreamsUseIt() {
        AtomicInteger tasks = new AtomicInteger();
        Executor pool = Executors.newCachedThreadPool();
        Executor counted = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        AifoChatModel model = HubStub.model(
                        HubStub.connection(hub).httpClientCustomizer(builder -> builder.executor(counted)))
                .build();

        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        model.call(new Prompt("یک"));
        assertThat(tasks).as("tasks of a blocking call").hasValue(0);

        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("سلام") + HubStub.finishChunk() + HubStub.DONE));
        assertThat(model.stream(new Prompt("دو"))
                        .mapNotNull(response -> response.getResult().getOutput().getText())
                        .collectList()
                        .block(Duration.ofSeconds(10)))
                .contains("سلام");
        assertThat(tasks.get()).as("tasks of a stream").isPositive();
    }

    @Test
    void configurationMistakesStillFailTheBuildNotTheFirstRequest() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoConnection.builder().apiKey(" ").build())
                .withMessageContaining("API key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoChatModel.builder()
                        .connection(
                                AifoConnection.builder().apiKey(HubStub.API_KEY).build())
                        .defaultOptions(
                                AifoChatOptions.builder().temperature(7.0).build())
                        .build())
                .withMessageContaining("temperature");
    }
}
