package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * With every logger at TRACE and wire logging on, calls of both dialects, successful and failing,
 * leave the key nowhere: not in logs, exception messages, stack traces or any toString().
 */
class SecretHygieneTest {

    private static final String OPENAI_KEY = "aifo_sk_live_SECRET_0123456789abcdef";

    private static final String MYAIHUB_KEY = "MYAIHUB-SECRET-KEY-0123456789";

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final List<Object> seen = new ArrayList<>();

    private Level rootLevel;

    private Appender<ILoggingEvent> console;

    // Everything at TRACE goes to the list, not to the build's console.
    @BeforeEach
    void captureEverything() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        console = root.getAppender("CONSOLE");
        root.detachAppender(console);
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restore() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.addAppender(console);
        root.setLevel(rootLevel);
    }

    private AifoConnection.Builder connection(AifoHubSimulator simulator, String key) {
        return AifoConnection.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey(key)
                .wireLogging(true, true)
                .readTimeout(Duration.ofSeconds(5));
    }

    private AifoChatModel.Builder model(AifoHubSimulator simulator, String key) {
        return model(connection(simulator, key));
    }

    private AifoChatModel.Builder model(AifoConnection.Builder connection) {
        return AifoChatModel.builder()
                .connection(connection.build())
                .retryTemplate(new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(1)
                        .includes(TransientAiException.class)
                        .delay(Duration.ofMillis(1))
                        .build()));
    }

    @Test
    void openAiDialectKeepsTheKeyOutOfEverything(AifoHubSimulator simulator) {
        AifoChatModel model = model(simulator, OPENAI_KEY).build();
        seen.add(model);
        seen.add(model.getOptions());
        seen.add(model.call(new Prompt("سلام")));
        seen.add(model.stream(new Prompt("سلام")).collectList().block());
        simulator.failNext(2, SimulatedFault.htmlErrorPage());
        seen.add(catchThrowable(() -> model.call(new Prompt("سلام"))));
        simulator.rejectKey(OPENAI_KEY);
        seen.add(catchThrowable(() -> model.call(new Prompt("سلام"))));
        seen.add(catchThrowable(
                () -> model.stream(new Prompt("سلام")).collectList().block()));

        assertKeyAppearsNowhere(OPENAI_KEY, simulator);
        assertThat(wireLog()).contains("Authorization: [redacted]").contains("پاسخ شبیه‌ساز");
    }

    @Test
    void myAiHubDialectKeepsTheKeyInTheBodyOutOfEverything(AifoHubSimulator simulator) {
        simulator.myAiHubKey(MYAIHUB_KEY, MyAiHubPlan.PRO);
        AifoChatModel model = model(connection(simulator, MYAIHUB_KEY).protocol(AifoProtocol.MYAIHUB))
                .defaultOptions(AifoChatOptions.builder()
                        .model("deepseek/deepseek-chat")
                        .build())
                .build();
        seen.add(model);
        seen.add(model.call(new Prompt("سلام")));
        seen.add(catchThrowable(() -> model.call(new Prompt(
                "سلام", AifoChatOptions.builder().model("openai/gpt-5.2").build()))));
        simulator.myAiHubUsage(MYAIHUB_KEY, "openrouter", 750);
        seen.add(catchThrowable(() -> model.call(new Prompt("سلام"))));
        simulator.failNext(2, SimulatedFault.garbage());
        seen.add(catchThrowable(() -> model.call(new Prompt(
                "سلام",
                AifoChatOptions.builder().model("qwen/qwen-2.5-7b-instruct").build()))));

        assertKeyAppearsNowhere(MYAIHUB_KEY, simulator);
        assertThat(wireLog()).contains("\"api_key\":\"[redacted]\"");
    }

    private void assertKeyAppearsNowhere(String key, AifoHubSimulator simulator) {
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(key);
            if (event.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy()))
                        .doesNotContain(key);
            }
        }
        for (Object thing : seen) {
            assertThat(String.valueOf(thing)).doesNotContain(key);
            if (thing instanceof Throwable failure) {
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain(key);
            }
        }
        assertThat(simulator.journal())
                .allSatisfy(request -> assertThat(request.toString()).doesNotContain(key));
    }

    private String wireLog() {
        StringBuilder text = new StringBuilder();
        logs.list.stream()
                .filter(event -> event.getLoggerName().equals("ir.aifo.wire"))
                .forEach(event -> text.append(event.getFormattedMessage()).append('\n'));
        return text.toString();
    }
}
