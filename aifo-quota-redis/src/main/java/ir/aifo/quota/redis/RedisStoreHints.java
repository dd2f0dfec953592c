package ir.aifo.quota.redis;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The store's Lua scripts, which it reads from its jar, for a native image. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class RedisStoreHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        for (StoreScript script :
                new StoreScript[] {StoreScript.MERGE_QUOTA, StoreScript.MERGE_COOL_DOWN, StoreScript.LOAD}) {
            hints.resources().registerPattern("ir/aifo/quota/redis/" + script.name());
        }
    }
}
