package ir.aifo.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.test.AifoHubSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A stream through {@link ChatClient} that the hub refuses reaches the subscriber as an exception, and
 * only there: Spring AI's aggregators would log it four times more at ERROR, with stack traces.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedStreamLoggingTest {

    private static final String REFUSED_KEY = "aifo_sk_live_REFUSED000000000";

    private static final AifoHubSimulator hub = AifoHubSimulator.start().rejectKey(REFUSED_KEY);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ChatApplication {}

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void refusedStreamReachesTheSubscriberWithoutAggregationErrorsInTheLog(CapturedOutput output) {
        Throwable failure;
        try (ConfigurableApplicationContext context = run()) {
            failure = streamFailure(context);
        }

        assertThat(failure)
                .isInstanceOf(AifoAuthenticationException.class)
                .hasMessageContaining("spring.ai.aifo.api-key");
        assertThat(output).doesNotContain("Aggregation Error").doesNotContain(REFUSED_KEY);
    }

    @Test
    void usersOwnLevelForTheAggregatorBringsItsErrorsBack() {
        try (ConfigurableApplicationContext context =
                run("--logging.level.org.springframework.ai.chat.model.MessageAggregator=ERROR")) {
            // Attached once the application has set its levels, and kept off the console.
            Logger aggregator = (Logger) LoggerFactory.getLogger(MessageAggregator.class);
            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            logged.start();
            aggregator.addAppender(logged);
            aggregator.setAdditive(false);
            try {
                Throwable failure = streamFailure(context);

                assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
                assertThat(aggregator.getLevel()).isEqualTo(Level.ERROR);
                List<String> messages = logged.list.stream()
                        .map(ILoggingEvent::getFormattedMessage)
                        .toList();
                assertThat(messages).isNotEmpty().allMatch("Aggregation Error"::equals);
            } finally {
                aggregator.detachAppender(logged);
                aggregator.setAdditive(true);
            }
        }
    }

    private static Throwable streamFailure(ConfigurableApplicationContext context) {
        ChatClient chat = context.getBean(ChatClient.Builder.class).build();
        return catchThrowable(() ->
                chat.prompt().user("سلام").stream().content().collectList().block());
    }

    private static ConfigurableApplicationContext run(String... extraArgs) {
        SpringApplication application = new SpringApplication(ChatApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.ai.aifo.base-url=" + hub.baseUrl(),
                "--spring.ai.aifo.api-key=" + REFUSED_KEY,
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extraArgs));
        return application.run(args.toArray(String[]::new));
    }
}
