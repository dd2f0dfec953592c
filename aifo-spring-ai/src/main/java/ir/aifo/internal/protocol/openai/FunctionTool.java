package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A tool the model may call, as the request's {@code tools} list carries it.
 *
 * @since 0.1.0
 */
record FunctionTool(String type, Function function) {

    public static FunctionTool of(String name, String description, String parametersSchema) {
        return new FunctionTool("function", new Function(name, description, parametersSchema));
    }

    /**
     * The function's name, what it does, and its parameters as a JSON schema.
     *
     * @param parameters the schema as JSON text, sent as is (Spring AI has already generated it)
     * @since 0.1.0
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Function(
            String name, String description, @JsonRawValue String parameters) {}
}
