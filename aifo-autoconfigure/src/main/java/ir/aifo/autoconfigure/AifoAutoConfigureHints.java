package ir.aifo.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What the auto-configuration reads and writes by reflection, for a native image: the properties, which
 * {@link HubProperties#bind} binds again at run time for each named hub (Boot's own hints cover only
 * the beans it binds), and what {@code /actuator/aifo} writes. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class AifoAutoConfigureHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(
                        AifoConnectionProperties.class,
                        AifoChatProperties.class,
                        AifoQuotaProperties.class,
                        AifoRoutingProperties.class)
                .registerHints(hints, classLoader);
        new BindingReflectionHintsRegistrar()
                .registerReflectionHints(hints.reflection(), AifoEndpoint.AifoDescriptor.class);
    }
}
