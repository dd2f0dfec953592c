package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/**
 * A key the hub could never accept fails the start with an analysis naming the property, and the
 * position and kind of what is wrong, never the key; whitespace around a key is only removed.
 */
class AifoApiKeyStartUpTest {

    private static final String KEY = "aifo_sk_live_STARTUPKEY0042";

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The library's check warns under its own package; the context, when its start is refused.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("ir.aifo.chat", "org.springframework.context");

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter();

    @BeforeEach
    void stubHub() {
        AifoContextRunner.answerEveryChat(hub);
    }

    private ApplicationContextRunner withKey(String apiKey, String... properties) {
        return runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl())
                // As a secrets file or an environment variable sets it: the value exactly as read, not trimmed.
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("secrets", Map.of("spring.ai.aifo.api-key", apiKey))))
                .withPropertyValues(properties);
    }

    @Test
    void keyReadWithATrailingNewlineStartsAndIsSentWithoutIt() {
        withKey(KEY + "\n").run(context -> {
            context.getBean(AifoChatModel.class).call(new Prompt("سلام"));

            assertThat(hub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                    .singleElement()
                    .satisfies(request ->
                            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY));
        });
        assertThat(logs.messages(Level.WARN)).singleElement().asString().contains("a line feed (U+000A)");
        assertNoPartOfTheKeyIn(logs.text());
    }

    @Test
    void keyWithALineFeedInsideFailsStartUpWithAnAnalysisGivingThePropertyPositionAndKind() {
        withKey(KEY.substring(0, 10) + "\n" + KEY.substring(10)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

            assertThat(analysis.getDescription())
                    .contains("spring.ai.aifo.api-key")
                    .contains("a line feed (U+000A) at position 11");
            assertThat(analysis.getAction()).contains("spring.ai.aifo.api-key").contains("position 11");
            assertNoPartOfTheKeyIn(analysis.getDescription() + analysis.getAction());
            assertNoPartOfTheKeyIn(stackTraceOf(context.getStartupFailure()));
        });
        assertThat(hub.getAllServeEvents()).isEmpty();
    }

    @Test
    void myAiHubKeyWithANonAsciiLetterFailsStartUpLikeAnyOther() {
        withKey(KEY.substring(0, 4) + "\u0634" + KEY.substring(4), "spring.ai.aifo.protocol=myaihub")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

                    assertThat(analysis.getDescription())
                            .contains("spring.ai.aifo.api-key")
                            .contains("a non-ASCII letter (U+0634) at position 5")
                            .doesNotContain("\u0634");
                    assertNoPartOfTheKeyIn(stackTraceOf(context.getStartupFailure()));
                });
    }

    @Test
    void unresolvedPlaceholderFailsStartUpLikeAMissingKeyNamingTheVariable() {
        runner.withPropertyValues(
                        "spring.ai.aifo.base-url=" + hub.baseUrl(),
                        "spring.ai.aifo.api-key=${AIFO_KEY_NOBODY_SET_IN_TESTS}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(AifoApiKeyMissingException.class);
                    FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

                    assertThat(analysis.getDescription())
                            .contains("${AIFO_KEY_NOBODY_SET_IN_TESTS}")
                            .contains(hub.baseUrl());
                    assertThat(analysis.getAction())
                            .contains("environment variable AIFO_KEY_NOBODY_SET_IN_TESTS")
                            .contains("spring.ai.aifo.api-key");
                });
        assertThat(hub.getAllServeEvents()).isEmpty();
    }

    @Test
    void placeholderWithAKeyAsItsDefaultStarts() {
        runner.withPropertyValues(
                        "spring.ai.aifo.base-url=" + hub.baseUrl(),
                        "spring.ai.aifo.api-key=${AIFO_KEY_NOBODY_SET_IN_TESTS:" + KEY + "}")
                .run(context -> assertThat(context).hasSingleBean(AifoChatModel.class));
    }

    @Test
    void missingKeyStillFailsWithTheAdviceToSetIt() {
        runner.withPropertyValues("spring.ai.aifo.base-url=" + hub.baseUrl()).run(context -> {
            FailureAnalysis analysis = RegisteredFailureAnalysis.of(context.getStartupFailure());

            assertThat(analysis.getDescription()).contains(hub.baseUrl()).contains("none is configured");
            assertThat(analysis.getAction()).contains("spring.ai.aifo.api-key").contains("SPRING_AI_AIFO_API_KEY");
        });
    }

    private static void assertNoPartOfTheKeyIn(String text) {
        for (int start = 0; start + 8 <= KEY.length(); start++) {
            assertThat(text).doesNotContain(KEY.substring(start, start + 8));
        }
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
