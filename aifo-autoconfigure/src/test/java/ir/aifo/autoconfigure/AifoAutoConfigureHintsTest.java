package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The auto-configuration's reflection hints, as {@code META-INF/spring/aot.factories} registers them: the
 * properties a named hub binds at run time, setter by setter, and what {@code /actuator/aifo} writes,
 * one test per type.
 */
class AifoAutoConfigureHintsTest {

    private static final RuntimeHints HINTS = registered();

    private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    @TestFactory
    Stream<DynamicTest> everyPropertiesClassCanBeBoundByReflection() {
        return Stream.of(
                        AifoConnectionProperties.class,
                        AifoChatProperties.class,
                        AifoQuotaProperties.class,
                        AifoRoutingProperties.class)
                .flatMap(type -> Stream.concat(Stream.of(type), Arrays.stream(type.getDeclaredClasses())))
                .filter(type -> !type.isEnum() && Modifier.isPublic(type.getModifiers()))
                .map(type -> DynamicTest.dynamicTest(type.getName(), () -> {
                    assertThat(reflection.onType(type))
                            .as("a hint on %s", type.getName())
                            .accepts(HINTS);
                    for (Method setter : type.getDeclaredMethods()) {
                        if (setter.getName().startsWith("set") && Modifier.isPublic(setter.getModifiers())) {
                            assertThat(reflection.onMethodInvocation(setter))
                                    .as("%s.%s", type.getSimpleName(), setter.getName())
                                    .accepts(HINTS);
                        }
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everythingTheEndpointWritesCanBeReadByReflection() {
        return Arrays.stream(AifoEndpoint.class.getDeclaredClasses())
                .filter(Class::isRecord)
                .map(type -> DynamicTest.dynamicTest(type.getName(), () -> {
                    assertThat(reflection.onType(type))
                            .as("a hint on %s", type.getName())
                            .accepts(HINTS);
                    for (RecordComponent component : type.getRecordComponents()) {
                        assertThat(reflection.onMethodInvocation(component.getAccessor()))
                                .as("%s.%s()", type.getSimpleName(), component.getName())
                                .accepts(HINTS);
                    }
                }));
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)
                .forEach(
                        registrar -> registrar.registerHints(hints, AifoAutoConfigureHintsTest.class.getClassLoader()));
        return hints;
    }
}
