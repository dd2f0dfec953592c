package ir.aifo.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
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
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final List<String> loggerNames;

    private final List<Attached> attached = new ArrayList<>();

    // One list for every logger, so the events keep the order in which they were logged.
    private ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Level level;

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
        appender = new ListAppender<>();
        for (String name : loggerNames) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            appender.setContext(logger.getLoggerContext());
            attached.add(new Attached(logger, logger.isAdditive(), logger.getLevel()));
            logger.addAppender(appender);
            logger.setAdditive(false);
            logger.setLevel(level);
        }
        appender.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        for (Attached one : attached) {
            one.logger.detachAppender(appender);
            one.logger.setAdditive(one.additive);
            one.logger.setLevel(one.level);
        }
        appender.stop();
        attached.clear();
        if (failed && !appender.list.isEmpty()) {
            System.err.print(
                    text().lines().map(line -> "[captured] " + line + "\n").reduce("", String::concat));
        }
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

    private record Attached(Logger logger, boolean additive, Level level) {}
}
