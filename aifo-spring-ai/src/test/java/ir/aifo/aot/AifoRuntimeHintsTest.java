package ir.aifo.aot;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import ir.aifo.chat.AifoChatOptions;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The reflection hints a native image needs, as {@code META-INF/spring/aot.factories} registers them:
 * every record the dialects hand to Jackson and every value applications serialise, one test per type,
 * found by scanning rather than listed, so a new wire type without its hint fails here.
 */
class AifoRuntimeHintsTest {

    // Records that never leave the library as JSON: a route's own bookkeeping.
    private static final Set<String> NOT_SERIALISED = Set.of("ir.aifo.routing.Route");

    private static final RuntimeHints HINTS = registered();

    private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    @TestFactory
    Stream<DynamicTest> everyWireRecordAndValueCanBeReadAndWrittenByReflection() {
        return recordsIn(
                        "ir.aifo.internal.protocol.openai",
                        "ir.aifo.internal.protocol.myaihub",
                        "ir.aifo.quota",
                        "ir.aifo.routing",
                        "ir.aifo.chat")
                .map(type -> DynamicTest.dynamicTest(type.getName(), () -> {
                    assertThat(reflection.onType(type))
                            .as("a hint on %s", type.getName())
                            .accepts(HINTS);
                    assertThat(reflection.onConstructorInvocation(canonicalConstructor(type)))
                            .as("%s's canonical constructor, which Jackson creates it with", type.getName())
                            .accepts(HINTS);
                    for (RecordComponent component : type.getRecordComponents()) {
                        assertThat(reflection.onMethodInvocation(component.getAccessor()))
                                .as("%s.%s(), which Jackson writes", type.getName(), component.getName())
                                .accepts(HINTS);
                    }
                }));
    }

    @Test
    void theChatOptionsCanBeCopiedByReflectionAsSpringAiCopiesThem() throws NoSuchMethodException {
        assertThat(reflection.onType(AifoChatOptions.class)).accepts(HINTS);
        assertThat(reflection.onMethodInvocation(AifoChatOptions.class.getMethod("getTemperature")))
                .accepts(HINTS);
    }

    @Test
    void theScanFindsTheWireTypes() {
        List<String> found = recordsIn("ir.aifo.internal.protocol.openai", "ir.aifo.internal.protocol.myaihub")
                .map(Class::getSimpleName)
                .toList();

        // A guard against a scan that finds nothing, and so proves nothing.
        assertThat(found).contains("ChatCompletionRequest", "ChatCompletion", "ToolCall", "MyAiHubRequest", "Turn");
    }

    private static Stream<Class<?>> recordsIn(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packages).stream()
                        .filter(type -> Arrays.asList(packages).contains(type.getPackageName()))
                        .map(JavaClass::reflect)
                        .filter(Class::isRecord)
                        .filter(type -> !NOT_SERIALISED.contains(type.getName()))
                        .<Class<?>>map(type -> type)
                        .sorted((one, other) -> one.getName().compareTo(other.getName()));
    }

    private static java.lang.reflect.Constructor<?> canonicalConstructor(Class<?> type) throws NoSuchMethodException {
        Class<?>[] components = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(components);
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)
                .forEach(registrar -> registrar.registerHints(hints, AifoRuntimeHintsTest.class.getClassLoader()));
        return hints;
    }
}
