package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * A named hub's properties: what {@code spring.ai.aifo.hubs.<hub>.*} sets, over what {@code
 * spring.ai.aifo.*} sets, over the defaults; and the names a refusal gives them.
 */
class HubPropertiesTest {

    private static final String KEY = "th_sk_live_HUBPROPERTIES42";

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.ai.aifo.read-timeout", "7s")
            .withProperty("spring.ai.aifo.proxy.host", "proxy.corp.example")
            .withProperty("spring.ai.aifo.chat.temperature", "0.3")
            .withProperty("spring.ai.aifo.chat.http-headers.X-Title", "my-app")
            .withProperty("spring.ai.aifo.hubs.tokenhub.api-key", KEY)
            .withProperty("spring.ai.aifo.hubs.tokenhub.protocol", "openai")
            .withProperty("spring.ai.aifo.hubs.tokenhub.connect-timeout", "3s")
            .withProperty("spring.ai.aifo.hubs.tokenhub.ssl.bundle", "hub-tls")
            .withProperty("spring.ai.aifo.hubs.tokenhub.chat.model", "gpt-4o-mini")
            .withProperty("spring.ai.aifo.hubs.tokenhub.chat.http-headers.X-Team", "search")
            .withProperty("spring.ai.aifo.hubs.tokenhub.quota.fail-fast", "false")
            .withProperty("spring.ai.aifo.hubs.myaihub.protocol", "myaihub");

    private HubProperties hub(String name) {
        return HubProperties.bind(environment, name, NamedHubs.of(environment).get(name));
    }

    @Test
    void whatAHubSetsOverridesAndWhatItLeavesUnsetIsInherited() {
        HubProperties tokenhub = hub("tokenhub");

        assertThat(tokenhub.connection().getApiKey()).isEqualTo(KEY);
        assertThat(tokenhub.connection().getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tokenhub.connection().getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(tokenhub.connection().getProxy().getHost()).isEqualTo("proxy.corp.example");
        assertThat(tokenhub.connection().getSsl().getBundle()).isEqualTo("hub-tls");
        assertThat(tokenhub.chat().getModel()).isEqualTo("gpt-4o-mini");
        assertThat(tokenhub.chat().getTemperature()).isEqualTo(0.3);
        // A map is merged, entry by entry.
        assertThat(tokenhub.chat().getHttpHeaders())
                .containsEntry("X-Title", "my-app")
                .containsEntry("X-Team", "search");
        assertThat(tokenhub.quota().isFailFast()).isFalse();
    }

    @Test
    void whatNeitherSetsIsTheDefault() {
        HubProperties myaihub = hub("myaihub");

        assertThat(myaihub.connection().getProtocol()).isEqualTo(AifoProtocol.MYAIHUB);
        assertThat(myaihub.connection().getApiKey()).isNull();
        assertThat(myaihub.connection().getBaseUrl()).isEqualTo(AifoConnection.DEFAULT_BASE_URL);
        assertThat(myaihub.connection().getConnectTimeout()).isEqualTo(AifoConnection.DEFAULT_CONNECT_TIMEOUT);
        assertThat(myaihub.connection().getSsl().getBundle()).isNull();
        assertThat(myaihub.chat().getModel()).isEqualTo(new AifoChatProperties().getModel());
        assertThat(myaihub.chat().getHttpHeaders()).containsOnlyKeys("X-Title");
        assertThat(myaihub.quota().isFailFast()).isTrue();
    }

    @Test
    void aPropertyIsNamedWhereItWasSetAndUnderTheHubWhenNowhere() {
        PropertyNames names = hub("tokenhub").names();

        assertThat(names.of("connect-timeout")).isEqualTo("spring.ai.aifo.hubs.tokenhub.connect-timeout");
        assertThat(names.of("read-timeout")).isEqualTo("spring.ai.aifo.read-timeout");
        assertThat(names.of("chat.temperature")).isEqualTo("spring.ai.aifo.chat.temperature");
        assertThat(names.of("chat.http-headers")).isEqualTo("spring.ai.aifo.hubs.tokenhub.chat.http-headers");
        assertThat(names.of("call-timeout")).isEqualTo("spring.ai.aifo.hubs.tokenhub.call-timeout");
        assertThat(PropertyNames.TOP_LEVEL.of("call-timeout")).isEqualTo("spring.ai.aifo.call-timeout");
    }

    @Test
    void neverShowsTheKey() {
        assertThat(hub("tokenhub").toString()).contains("[redacted]").doesNotContain(KEY);
    }
}
