package ir.aifo.internal.protocol.openai;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What Jackson reads and writes of the OpenAI-compatible dialect by reflection, for a native image: the
 * request and its parts, and the reply records (read field by field, but through Jackson when a reply
 * is unusual). Nested records come with their enclosing ones. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class OpenAiWireHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        bindings.registerReflectionHints(
                hints.reflection(),
                ChatCompletionRequest.class,
                ChatCompletionMessage.class,
                // Held in fields typed Object (a message's content, the tool choice), so not reached from above.
                ChatCompletionMessage.ContentPart.class,
                ChatCompletionRequest.NamedToolChoice.class,
                FunctionTool.class,
                ToolCall.class,
                ChatCompletion.class,
                CompletionUsage.class);
    }
}
