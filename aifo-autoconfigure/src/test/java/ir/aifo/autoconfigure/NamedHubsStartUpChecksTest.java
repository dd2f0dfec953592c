package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A named hub's start-up failures name the property to correct: the hub's own, or the top-level one
 * it inherited the value from.
 */
class NamedHubsStartUpChecksTest {

    private static final String KEY = "th_sk_live_HUBCHECKS00042";

    private static final String HUB = "spring.ai.aifo.hubs.tokenhub.";

    @RegisterExtension
    static WireMockExtension tokenhub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The context warns when its start is refused; the library's key check warns under its own package.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("org.springframework.context", "ir.aifo.chat");

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter()
            .withPropertyValues(AifoContextRunner.namedHub("tokenhub", tokenhub.baseUrl(), KEY));

    @Test
    void hubWithoutAKeyFailsNamingItsOwnPropertyAndTheOneEveryHubShares() {
        AifoContextRunner.withStarter()
                .withPropertyValues(HUB + "base-url=" + tokenhub.baseUrl())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(AifoApiKeyMissingException.class)
                            .hasMessageContaining(HUB + "api-key");
                    FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

                    assertThat(analysis.getDescription()).contains(tokenhub.baseUrl());
                    assertThat(analysis.getAction())
                            .contains(HUB + "api-key")
                            .contains("SPRING_AI_AIFO_HUBS_TOKENHUB_API_KEY")
                            .contains("spring.ai.aifo.api-key, for all hubs");
                });
        assertThat(tokenhub.getAllServeEvents()).isEmpty();
    }

    @Test
    void hubKeyLeftAsAnUnresolvedPlaceholderNamesTheVariableAndTheHubsProperty() {
        runner.withPropertyValues(HUB + "api-key=${TOKENHUB_KEY_NOBODY_SET_IN_TESTS}")
                .run(context -> {
                    FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

                    assertThat(analysis.getDescription()).contains("${TOKENHUB_KEY_NOBODY_SET_IN_TESTS}");
                    assertThat(analysis.getAction())
                            .contains("environment variable TOKENHUB_KEY_NOBODY_SET_IN_TESTS")
                            .contains(HUB + "api-key");
                });
    }

    @Test
    void hubKeyWithALineFeedInsideNamesTheHubsPropertyAndNeverTheKey() {
        runner.withPropertyValues(HUB + "api-key=" + KEY.substring(0, 6) + "\n" + KEY.substring(6))
                .run(context -> {
                    FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

                    assertThat(analysis.getDescription())
                            .contains(HUB + "api-key")
                            .contains("a line feed (U+000A) at position 7");
                    assertThat(analysis.getAction())
                            .contains(HUB + "api-key")
                            .contains("SPRING_AI_AIFO_HUBS_TOKENHUB_API_KEY");
                    assertThat(analysis.getDescription()
                                    + analysis.getAction()
                                    + stackTraceOf(context.getStartupFailure()))
                            .doesNotContain(KEY.substring(6));
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "read-timeout     | -5s  | more than zero",
                "connect-timeout  | 0s   | more than zero",
                "max-reply-size   | 0B   | more than zero",
                "max-retry-after  | -1s  | zero or more",
                "chat.temperature | 3.5  | between 0 and 2",
                "chat.top-p       | 1.5  | between 0 and 1",
            })
    void outOfRangeHubPropertyFailsNamingTheHubsOwn(String property, String value, String range) {
        runner.withPropertyValues(HUB + property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(HUB + property)
                    .hasMessageContaining(value)
                    .hasMessageContaining(range);
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"read-timeout | -5s", "chat.temperature | 3.5"})
    void outOfRangeValueAHubInheritsNamesTheTopLevelPropertyItWasSetWith(String property, String value) {
        runner.withPropertyValues("spring.ai.aifo." + property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("spring.ai.aifo." + property)
                    .hasMessageContaining(value)
                    .hasMessageNotContaining("spring.ai.aifo.hubs");
        });
    }

    @Test
    void plainHttpToAnotherMachineNamesTheHubsBaseUrlAndItsSwitch() {
        runner.withPropertyValues(HUB + "base-url=http://hub.example.ir")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining(HUB + "base-url")
                        .hasMessageContaining(HUB + "allow-insecure-http=true"));
        runner.withPropertyValues(HUB + "base-url=http://hub.example.ir", HUB + "allow-insecure-http=true")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
        // Allowed once for every hub.
        runner.withPropertyValues(HUB + "base-url=http://hub.example.ir", "spring.ai.aifo.allow-insecure-http=true")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
    }

    @Test
    void unknownSslBundleNamesTheHubsProperty() {
        runner.withPropertyValues(HUB + "ssl.bundle=hub-tls")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining(HUB + "ssl.bundle")
                        .hasMessageContaining("hub-tls"));
    }

    @Test
    void jsonSchemaWithoutASchemaNamesTheHubsProperties() {
        runner.withPropertyValues(HUB + "chat.response-format.type=json_schema")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining(HUB + "chat.response-format.type")
                        .hasMessageContaining(HUB + "chat.response-format.schema"));
    }

    @Test
    void unknownProtocolOfAHubFailsNamingItsProperty() {
        runner.withPropertyValues(HUB + "protocol=anthropic")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("Failed to bind properties under '" + HUB + "protocol'"));
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
