package ir.aifo.internal.protocol.myaihub;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What Jackson writes of the MyAIHub dialect by reflection, for a native image: the request and its
 * turns (replies are read as trees). Registered in {@code META-INF/spring/aot.factories}.
 */
final class MyAiHubWireHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), MyAiHubRequest.class);
    }
}
