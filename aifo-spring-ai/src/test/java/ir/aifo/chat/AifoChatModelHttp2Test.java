package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A client asked for HTTP/2 ({@code spring.ai.aifo.http-version=HTTP_2}) still works with blocking calls
 * completed on the selector thread, concurrently and beside streams.
 */
class AifoChatModelHttp2Test {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
            .build();

    /** WireMock's own certificate is self-signed; a test may trust it, an application must not. */
    private static SSLContext trustingWireMocksCertificate() throws Exception {
        // An extended trust manager: a plain one would be wrapped in a hostname check that
        // WireMock's certificate fails.
        X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }

    @Test
    void concurrentCallsAndAStreamOverAnHttp2Client() throws Exception {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        SSLContext trusting = trustingWireMocksCertificate();
        AifoChatModel model = HubStub.model(HubStub.connection(hub)
                        .baseUrl("https://localhost:" + hub.getHttpsPort())
                        .httpVersion(HttpClient.Version.HTTP_2)
                        .httpClientCustomizer(builder -> builder.sslContext(trusting)))
                .build();

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = IntStream.range(0, 40)
                    .mapToObj(i -> callers.submit(() -> model.call(new Prompt("سلام " + i))
                            .getResult()
                            .getOutput()
                            .getText()))
                    .toList();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("سلام");
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(HubStub.requests(hub))
                .extracting(request -> request.getProtocol())
                .as("the hub was spoken to over HTTP/2, after the upgrade of the first connection")
                .contains("HTTP/2.0");

        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("درود") + HubStub.finishChunk() + HubStub.DONE));
        assertThat(model.stream(new Prompt("سلام"))
                        .mapNotNull(response -> response.getResult().getOutput().getText())
                        .collectList()
                        .block(Duration.ofSeconds(10)))
                .contains("درود");
    }
}
