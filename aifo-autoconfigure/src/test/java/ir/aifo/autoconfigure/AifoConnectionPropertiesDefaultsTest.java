package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * The connection properties' defaults are the connection's constants: in the fields Boot binds, in the
 * connection they map to, and in the configuration metadata an IDE shows.
 */
class AifoConnectionPropertiesDefaultsTest {

    @Test
    void theMetadataShowsTheConnectionsDefaults() {
        assertThat(defaultOf("base-url")).isEqualTo(AifoConnection.DEFAULT_BASE_URL);
        assertThat(defaultOf("protocol")).isEqualTo(enumValue(AifoConnection.DEFAULT_PROTOCOL));
        assertThat(durationDefaultOf("connect-timeout")).isEqualTo(AifoConnection.DEFAULT_CONNECT_TIMEOUT);
        assertThat(durationDefaultOf("read-timeout")).isEqualTo(AifoConnection.DEFAULT_READ_TIMEOUT);
        assertThat(durationDefaultOf("call-timeout")).isEqualTo(AifoConnection.DEFAULT_CALL_TIMEOUT);
        assertThat(durationDefaultOf("stream-timeout")).isEqualTo(AifoConnection.DEFAULT_STREAM_TIMEOUT);
        assertThat(DataSize.parse(defaultOf("max-reply-size")).toBytes())
                .isEqualTo(AifoConnection.DEFAULT_MAX_REPLY_BYTES);
        assertThat(durationDefaultOf("max-retry-after")).isEqualTo(AifoChatModel.DEFAULT_MAX_RETRY_AFTER);
        assertThat(defaultOf("http-version")).isEqualTo(enumValue(AifoConnection.DEFAULT_HTTP_VERSION));
    }

    @Test
    void unsetPropertiesMapToAConnectionWithItsDefaults() {
        AifoConnectionProperties properties = new AifoConnectionProperties();
        properties.setApiKey("aifo_sk_live_DEFAULTS00042");

        AifoConnection connection = properties.toConnection(null, UnaryOperator.identity());

        assertThat(connection.baseUrl()).hasToString(AifoConnection.DEFAULT_BASE_URL);
        assertThat(connection.protocol()).isEqualTo(AifoConnection.DEFAULT_PROTOCOL);
        assertThat(connection.connectTimeout()).isEqualTo(AifoConnection.DEFAULT_CONNECT_TIMEOUT);
        assertThat(connection.readTimeout()).isEqualTo(AifoConnection.DEFAULT_READ_TIMEOUT);
        assertThat(connection.callTimeout()).isEqualTo(AifoConnection.DEFAULT_CALL_TIMEOUT);
        assertThat(connection.streamTimeout()).isEqualTo(AifoConnection.DEFAULT_STREAM_TIMEOUT);
        assertThat(connection.maxReplyBytes()).isEqualTo(AifoConnection.DEFAULT_MAX_REPLY_BYTES);
        assertThat(connection.httpVersion()).isEqualTo(AifoConnection.DEFAULT_HTTP_VERSION);
        assertThat(properties.getMaxRetryAfter()).isEqualTo(AifoChatModel.DEFAULT_MAX_RETRY_AFTER);
    }

    @Test
    void aHubThatSetsNothingBindsTheDefaultsTheMetadataShows() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.ai.aifo.hubs.bare.api-key", "k");
        AifoConnectionProperties bare = HubProperties.bind(
                        environment, "bare", NamedHubs.of(environment).get("bare"))
                .connection();

        assertThat(bare.getBaseUrl()).isEqualTo(defaultOf("base-url"));
        assertThat(enumValue(bare.getProtocol())).isEqualTo(defaultOf("protocol"));
        assertThat(bare.getConnectTimeout()).isEqualTo(durationDefaultOf("connect-timeout"));
        assertThat(bare.getReadTimeout()).isEqualTo(durationDefaultOf("read-timeout"));
        assertThat(bare.getCallTimeout()).isEqualTo(durationDefaultOf("call-timeout"));
        assertThat(bare.getStreamTimeout()).isEqualTo(durationDefaultOf("stream-timeout"));
        assertThat(bare.getMaxReplySize()).isEqualTo(DataSize.parse(defaultOf("max-reply-size")));
        assertThat(bare.getMaxRetryAfter()).isEqualTo(durationDefaultOf("max-retry-after"));
        assertThat(enumValue(bare.getHttpVersion())).isEqualTo(defaultOf("http-version"));
    }

    private static Duration durationDefaultOf(String property) {
        return DurationStyle.detectAndParse(defaultOf(property));
    }

    // As Boot writes an enum's default: lower case, dashes for underscores.
    private static String enumValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String defaultOf(String property) {
        return GeneratedMetadata.defaultValue(AifoConnectionProperties.PREFIX + "." + property);
    }
}
