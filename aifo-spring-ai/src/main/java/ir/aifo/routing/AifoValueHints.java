package ir.aifo.routing;

import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoResponseFormat;
import ir.aifo.chat.error.HubError;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The library's values that applications and Spring serialise by reflection, for a native image: the
 * quota and who answered (in response metadata, {@code /actuator/aifo} and the applications' own JSON),
 * a hub's account of a failure, and the chat options (which Spring AI copies through Jackson). Registered
 * in {@code META-INF/spring/aot.factories}.
 */
final class AifoValueHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar()
                .registerReflectionHints(
                        hints.reflection(),
                        HubQuota.class,
                        QuotaBucket.class,
                        RouteTarget.class,
                        TargetUnavailable.class,
                        HubError.class,
                        AifoResponseFormat.class,
                        AifoChatOptions.class);
    }
}
