package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;

/** The connection value: its defaults, its range checks, its secrecy, and one connection serving two models. */
class AifoConnectionTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void defaultsAreThePublishedConstants() {
        AifoConnection connection =
                AifoConnection.builder().apiKey(HubStub.API_KEY).build();

        assertThat(connection.baseUrl()).isEqualTo(URI.create(AifoConnection.DEFAULT_BASE_URL));
        assertThat(connection.protocol()).isEqualTo(AifoConnection.DEFAULT_PROTOCOL);
        assertThat(connection.completionsPath()).isEqualTo(AifoProtocol.OPENAI.defaultCompletionsPath());
        assertThat(connection.connectTimeout()).isEqualTo(AifoConnection.DEFAULT_CONNECT_TIMEOUT);
        assertThat(connection.readTimeout()).isEqualTo(AifoConnection.DEFAULT_READ_TIMEOUT);
        assertThat(connection.callTimeout()).isEqualTo(AifoConnection.DEFAULT_CALL_TIMEOUT);
        assertThat(connection.streamTimeout()).isEqualTo(AifoConnection.DEFAULT_STREAM_TIMEOUT);
        assertThat(connection.maxReplyBytes()).isEqualTo(AifoConnection.DEFAULT_MAX_REPLY_BYTES);
        assertThat(connection.httpVersion()).isEqualTo(AifoConnection.DEFAULT_HTTP_VERSION);
        assertThat(connection.headers()).isEmpty();
        assertThat(connection.logRequests()).isFalse();
        assertThat(connection.logResponses()).isFalse();
    }

    @Test
    void theCompletionsPathDefaultsToTheDialectsOwn() {
        AifoConnection connection = AifoConnection.builder()
                .apiKey(HubStub.API_KEY)
                .protocol(AifoProtocol.MYAIHUB)
                .build();

        assertThat(connection.completionsPath()).isEqualTo(AifoProtocol.MYAIHUB.defaultCompletionsPath());
    }

    @Test
    void eachOutOfRangeValueIsRefusedNamingTheSettingAndTheRange() {
        assertRefused(b -> b.connectTimeout(Duration.ZERO), "connectTimeout is 0s but must be more than zero");
        assertRefused(b -> b.readTimeout(Duration.ofSeconds(-5)), "readTimeout is -5s but must be more than zero");
        assertRefused(b -> b.callTimeout(Duration.ofMinutes(-1)), "callTimeout is -1m but must be more than zero");
        assertRefused(b -> b.streamTimeout(null), "streamTimeout is empty but must be more than zero");
        assertRefused(b -> b.maxReplyBytes(0), "maxReplyBytes is 0B but must be more than zero");
        assertRefused(b -> b.maxReplyBytes(-1024), "maxReplyBytes is -1KB but must be more than zero");
        assertRefused(b -> b.completionsPath(" "), "completionsPath is empty");
        assertRefused(b -> b.apiKey(null), "apiKey is not set");
    }

    private static void assertRefused(UnaryOperator<AifoConnection.Builder> setting, String message) {
        Throwable failure = catchThrowable(() ->
                setting.apply(AifoConnection.builder().apiKey(HubStub.API_KEY)).build());

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void toStringShowsTheSettingsButNeitherTheKeyNorHeaderValues() {
        AifoConnection connection = AifoConnection.builder()
                .apiKey(HubStub.API_KEY)
                .header("X-Team-Token", "team-s3cret")
                .build();

        assertThat(connection.toString())
                .contains("apiKey=[redacted]")
                .contains("readTimeout=1m")
                .contains("X-Team-Token")
                .doesNotContain(HubStub.API_KEY)
                .doesNotContain("team-s3cret");
    }

    @Test
    void oneConnectionServesTwoModelsEachWithClientsOfItsOwn() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));
        int[] buildersCustomized = {0};
        AifoConnection connection = HubStub.connection(hub)
                .header("X-Team", "persian")
                .httpClientCustomizer(builder -> {
                    buildersCustomized[0]++;
                    return builder;
                })
                .build();
        AifoChatModel first = AifoChatModel.builder().connection(connection).build();
        AifoChatModel second = AifoChatModel.builder()
                .connection(connection)
                .defaultOptions(
                        AifoChatOptions.builder().model("openai/gpt-5.2").build())
                .build();

        first.call(new Prompt("یک"));
        second.call(new Prompt("دو"));

        assertThat(buildersCustomized[0]).as("one builder per model").isEqualTo(2);
        assertThat(HubStub.requests(hub)).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HubStub.API_KEY);
            assertThat(request.getHeader("X-Team")).isEqualTo("persian");
        });
        assertThat(HubStub.requests(hub).get(1).getBodyAsString()).contains("\"openai/gpt-5.2\"");
    }

    @Test
    void theJdkClientStartsWithTheConnectionsVersionAndTimeoutAndNoRedirects() {
        HttpClient client = AifoConnection.builder()
                .apiKey(HubStub.API_KEY)
                .connectTimeout(Duration.ofSeconds(3))
                .httpVersion(HttpClient.Version.HTTP_2)
                .build()
                .newHttpClientBuilder()
                .build();

        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(client.connectTimeout()).contains(Duration.ofSeconds(3));
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    }
}
