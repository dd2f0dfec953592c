package ir.aifo.autoconfigure;

import java.util.List;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The analysis Spring Boot would print for a start-up failure, found through this project's analyzers
 * as {@code META-INF/spring.factories} registers them, so a test also proves the registration.
 */
final class RegisteredFailureAnalysis {

    private RegisteredFailureAnalysis() {}

    static FailureAnalysis of(Throwable failure) {
        // Boot's own analyzers that need a bean factory cannot be made here; they are not the ones under test.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(
                        RegisteredFailureAnalysis.class.getClassLoader())
                .load(FailureAnalyzer.class, FailureHandler.handleMessage((message, cause) -> {}));
        for (FailureAnalyzer analyzer : analyzers) {
            if (analyzer.getClass().getName().startsWith("ir.aifo.")) {
                FailureAnalysis analysis = analyzer.analyze(failure);
                if (analysis != null) {
                    return analysis;
                }
            }
        }
        throw new AssertionError("No registered analyzer of this project explains " + failure);
    }
}
