package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A function call the model asked for; in a stream, a piece of one, placed by {@code index}.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(
        @Nullable Integer index,
        @Nullable String id,
        @Nullable String type,
        @Nullable FunctionCall function) {

    /**
     * The function's name and its arguments as a JSON string (in a stream, a piece of that string).
     *
     * @since 0.1.0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(
            @Nullable String name, @Nullable String arguments) {}
}
