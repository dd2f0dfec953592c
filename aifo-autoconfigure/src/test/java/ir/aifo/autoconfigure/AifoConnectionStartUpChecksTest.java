package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.testing.LogCapture;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Connection properties out of range, or a base URL that is more than an address, fail the start naming the property. */
class AifoConnectionStartUpChecksTest {

    private static final String KEY = "aifo_sk_live_CHECKSKEY0042";

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The factory warns; the context warns when its start is refused.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoChatModelFactory.class, "org.springframework.context");

    private final ApplicationContextRunner runner =
            AifoContextRunner.withStarter().withPropertyValues("spring.ai.aifo.api-key=" + KEY);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "connect-timeout | 0s    | more than zero",
                "read-timeout    | -5s   | more than zero",
                "max-retry-after | -1s   | zero or more",
                "max-reply-size  | 0B    | more than zero",
                "max-reply-size  | -1KB  | more than zero",
                "call-timeout    | 0s    | more than zero",
                "stream-timeout  | -1m   | more than zero",
            })
    void outOfRangeConnectionPropertyFailsStartUpNamingItAndTheRange(String property, String value, String range) {
        runner.withPropertyValues("spring.ai.aifo." + property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("spring.ai.aifo." + property)
                    .hasMessageContaining(value)
                    .hasMessageContaining(range);
        });
    }

    @Test
    void zeroMaxRetryAfterIsAllowed() {
        runner.withPropertyValues("spring.ai.aifo.max-retry-after=0s")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
    }

    @Test
    void callAndStreamTimeoutsBindWithTheirDefaults() {
        runner.run(context -> {
            AifoConnectionProperties connection = context.getBean(AifoConnectionProperties.class);
            assertThat(connection.getCallTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(connection.getStreamTimeout()).isEqualTo(Duration.ofMinutes(30));
        });
        runner.withPropertyValues("spring.ai.aifo.call-timeout=90s", "spring.ai.aifo.stream-timeout=2h")
                .run(context -> {
                    assertThat(context).hasSingleBean(AifoChatModel.class);
                    AifoConnectionProperties connection = context.getBean(AifoConnectionProperties.class);
                    assertThat(connection.getCallTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(connection.getStreamTimeout()).isEqualTo(Duration.ofHours(2));
                });
    }

    @Test
    void callAndStreamTimeoutsAreDescribedInTheMetadata() throws Exception {
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode json = JsonMapper.builder().build().readTree(metadata);
            assertThat(property(json, "spring.ai.aifo.call-timeout")
                            .get("defaultValue")
                            .asString())
                    .isEqualTo("5m");
            assertThat(property(json, "spring.ai.aifo.stream-timeout")
                            .get("defaultValue")
                            .asString())
                    .isEqualTo("30m");
            assertThat(property(json, "spring.ai.aifo.call-timeout")
                            .get("description")
                            .asString())
                    .contains("retries");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"/?x=1 | a query", "/#top | a fragment"})
    void baseUrlWithAQueryOrFragmentFailsStartUpNamingTheProperty(String suffix, String reason) {
        runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl() + suffix)
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.base-url")
                        .hasMessageContaining(reason));
        assertThat(hub.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "alice:s3cret-Pa55@       | user info",
                "alice:s3cret/Pa55@       | user info",
                "alice:s3cret Pa55@       | not a valid URL",
            })
    void baseUrlWithUserInfoFailsStartUpWithoutShowingThePassword(String userInfo, String reason) {
        String withPassword = hub.baseUrl().replace("http://", "http://" + userInfo);
        runner.withPropertyValues("spring.ai.aifo.base-url=" + withPassword).run(context -> {
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageStartingWith("spring.ai.aifo.base-url")
                    .hasMessageContaining(reason);
            assertThat(stackTraceOf(context.getStartupFailure()))
                    .doesNotContain("s3cret")
                    .doesNotContain("Pa55");
        });
        assertThat(logs.text()).doesNotContain("s3cret").doesNotContain("Pa55");
    }

    @Test
    void baseUrlEndingInV1BeforeAPathStartingWithV1WarnsOnceNamingWhatToChange() {
        runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl() + "/v1/")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));

        assertThat(logs.messages(Level.WARN))
                .singleElement()
                .asString()
                .contains(hub.baseUrl() + "/v1/v1/chat/completions")
                .contains("spring.ai.aifo.base-url")
                .contains("spring.ai.aifo.chat.completions-path");
    }

    @Test
    void baseUrlEndingInV1WithAPathBelowItIsQuiet() {
        runner.withPropertyValues(
                        "spring.ai.aifo.base-url=" + hub.baseUrl() + "/v1",
                        "spring.ai.aifo.chat.completions-path=/chat/completions")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
        runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl() + "/v1", "spring.ai.aifo.protocol=myaihub")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
        runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl() + "/v1/proxy")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));

        assertThat(logs.events()).isEmpty();
    }

    private static JsonNode property(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property;
            }
        }
        throw new AssertionError("No metadata for " + name);
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
