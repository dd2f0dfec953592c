package ir.aifo.quota.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Every Lua script the store reads from its jar is in the image, as aot.factories registers it. */
class RedisStoreHintsTest {

    @TestFactory
    Stream<DynamicTest> everyScriptIsAResourceOfTheImage() throws IOException, URISyntaxException {
        RuntimeHints hints = new RuntimeHints();
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)
                .forEach(registrar -> registrar.registerHints(hints, getClass().getClassLoader()));
        // Found in the build's output, not listed: a new script without its hint fails here.
        Path scripts =
                Path.of(StoreScript.class.getResource("load.lua").toURI()).getParent();
        try (Stream<Path> files = Files.list(scripts)) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".lua"))
                    .sorted()
                    .toList()
                    .stream()
                    .map(name -> DynamicTest.dynamicTest(
                            name,
                            () -> assertThat(RuntimeHintsPredicates.resource()
                                            .forResource("ir/aifo/quota/redis/" + name))
                                    .accepts(hints)));
        }
    }
}
