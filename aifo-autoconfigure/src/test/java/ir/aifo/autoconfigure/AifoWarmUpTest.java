package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;

/** Once the application is ready, every hub's model is warmed up, even when another's fails to be. */
class AifoWarmUpTest {

    @Test
    void aHubThatCannotBeWarmedUpLeavesTheOthersWarmed() {
        CountDownLatch healthyBuilt = new CountDownLatch(1);
        AifoContextRunner.withStarter()
                // First in line, so that the failure comes before the healthy hub's turn.
                .withBean(
                        "broken",
                        AifoChatModel.class,
                        () -> model(builder(() -> {
                            throw new IllegalStateException("no TLS context on this machine");
                        })))
                .withBean("healthy", AifoChatModel.class, () -> model(builder(healthyBuilt::countDown)))
                .run(context -> {
                    context.publishEvent(new ApplicationReadyEvent(
                            new SpringApplication(),
                            new String[0],
                            context.getSourceApplicationContext(),
                            Duration.ZERO));

                    assertThat(healthyBuilt.await(10, TimeUnit.SECONDS)).isTrue();
                });
    }

    private static AifoChatModel model(HttpClient.Builder client) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl("http://localhost:9")
                        .apiKey("aifo_sk_live_WARMUPKEY0042")
                        .httpClientCustomizer(builder -> client)
                        .build())
                .build();
    }

    /** A JDK client builder that runs {@code onBuild} before it builds a client. */
    private static HttpClient.Builder builder(Runnable onBuild) {
        HttpClient.Builder real = HttpClient.newBuilder();
        return (HttpClient.Builder) Proxy.newProxyInstance(
                AifoWarmUpTest.class.getClassLoader(),
                new Class<?>[] {HttpClient.Builder.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("build")) {
                        onBuild.run();
                    }
                    Object result = method.invoke(real, args);
                    return result == real ? proxy : result;
                });
    }
}
