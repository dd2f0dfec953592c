package ir.aifo.test;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test context annotated {@link AutoConfigureAifoSimulator} its simulator; registered in
 * {@code META-INF/spring.factories}.
 */
class AifoSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureAifoSimulator.class)
                ? new AifoSimulatorContextCustomizer()
                : null;
    }
}
