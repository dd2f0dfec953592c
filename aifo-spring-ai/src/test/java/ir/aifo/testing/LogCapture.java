package ir.aifo.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps the log lines a test provokes out of the build's output, and lets the test assert on them.
 *
 * <p>For the duration of each test, the named loggers write to a list instead of the console; a test
 * that fails prints what was captured, so nothing is hidden from whoever reads a failure. Register it
 * with {@code @RegisterExtension final LogCapture logs = LogCapture.of(SomeClass.class, "a.logger.name");}.
 *
 * <p>The capture outlasts Spring Boot's logging system, which resets Logback (and with it every
 * appender) when a {@code SpringApplication} that the test runs starts.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final List<String> loggerNames;

    private final List<Attached> attached = new ArrayList<>();

    private final Level level;

    // One list for every logger, so the events keep the order in which they were logged.
    private CapturingAppender appender = new CapturingAppender();

    private LogCapture(List<String> loggerNames, Level level) {
        this.loggerNames = List.copyOf(loggerNames);
        this.level = level;
    }

    /** Captures the loggers named by these classes or strings (and their children). */
    public static LogCapture of(Object... loggers) {
        List<String> names = new ArrayList<>();
        for (Object logger : loggers) {
            names.add(logger instanceof Class<?> type ? type.getName() : logger.toString());
        }
        return new LogCapture(names, Level.INFO);
    }

    /** The same capture, down to {@code level} (INFO by default), for a test that asserts on DEBUG lines. */
    public LogCapture at(Level level) {
        return new LogCapture(loggerNames, level);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender = new CapturingAppender();
        LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(loggers);
        for (String name : loggerNames) {
            Logger logger = loggers.getLogger(name);
            attached.add(new Attached(logger, logger.isAdditive(), logger.getLevel()));
        }
        appender.capturing = true;
        attach();
        loggers.addListener(appender);
    }

    private void attach() {
        for (Attached one : attached) {
            if (!one.logger.isAttached(appender)) {
                one.logger.addAppender(appender);
            }
            one.logger.setAdditive(false);
            one.logger.setLevel(level);
        }
        appender.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        appender.capturing = false;
        ((LoggerContext) appender.getContext()).removeListener(appender);
        for (Attached one : attached) {
            one.logger.detachAppender(appender);
            one.logger.setAdditive(one.additive);
            one.logger.setLevel(one.level);
        }
        appender.stop();
        attached.clear();
        if (context.getExecutionException().isPresent()) {
            printForTheFailure();
        }
    }

    // Whoever reads a failure gets every captured line, with the stack traces that text() leaves out.
    private void printForTheFailure() {
        StringBuilder printed = new StringBuilder();
        for (ILoggingEvent event : events()) {
            printed.append("[captured] ")
                    .append(event.getLevel())
                    .append(' ')
                    .append(event.getLoggerName())
                    .append(" - ")
                    .append(event.getFormattedMessage())
                    .append('\n');
            if (event.getThrowableProxy() != null) {
                printed.append(ThrowableProxyUtil.asString(event.getThrowableProxy()))
                        .append('\n');
            }
        }
        System.err.print(printed);
    }

    /** Every event captured so far in this test, in order. */
    public List<ILoggingEvent> events() {
        // The appender adds under its own lock; events may come from the client's threads.
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** The formatted messages captured at {@code level}. */
    public List<String> messages(Level level) {
        return events().stream()
                .filter(event -> event.getLevel().equals(level))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Every captured line as a log would show it: level, logger, message and any exception's message. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getLevel())
                    .append(' ')
                    .append(event.getLoggerName())
                    .append(" - ");
            text.append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                text.append(" / ")
                        .append(event.getThrowableProxy().getClassName())
                        .append(": ");
                text.append(event.getThrowableProxy().getMessage());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * The list the loggers write to, attached again after each reset of Logback while the test runs.
     *
     * <p>Spring Boot resets Logback twice in a row when it starts: {@code stop()}, which resets and
     * then drops every listener, even a reset-resistant one, and {@code reset()}. Each reset stops the
     * appenders first, so this one registers itself again as a listener when it is stopped, and hears
     * of the reset that follows.
     */
    private final class CapturingAppender extends ListAppender<ILoggingEvent> implements LoggerContextListener {

        private volatile boolean capturing;

        @Override
        public void stop() {
            super.stop();
            LoggerContext loggers = (LoggerContext) getContext();
            if (capturing && !loggers.getCopyOfListenerList().contains(this)) {
                loggers.addListener(this);
            }
        }

        @Override
        public void onReset(LoggerContext context) {
            if (capturing) {
                attach();
            }
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onStart(LoggerContext context) {}

        @Override
        public void onStop(LoggerContext context) {}

        @Override
        public void onLevelChange(Logger logger, Level level) {}
    }

    private record Attached(Logger logger, boolean additive, Level level) {}
}
