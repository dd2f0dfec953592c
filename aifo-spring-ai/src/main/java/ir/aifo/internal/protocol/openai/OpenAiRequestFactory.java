package ir.aifo.internal.protocol.openai;

import ir.aifo.internal.protocol.ImageUrls;
import ir.aifo.internal.protocol.RequestOptions;
import ir.aifo.internal.protocol.RequestOptions.ResponseFormatOption;
import ir.aifo.internal.protocol.openai.ChatCompletionMessage.ContentPart;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/** Turns a prompt and its merged options into the chat-completions request body. */
final class OpenAiRequestFactory {

    private final JsonMapper json;

    OpenAiRequestFactory(JsonMapper json) {
        this.json = json;
    }

    ChatCompletionRequest create(
            Prompt prompt, RequestOptions options, List<ToolDefinition> toolDefinitions, boolean stream) {
        boolean streamUsage = stream && !Boolean.FALSE.equals(options.streamUsage());
        return new ChatCompletionRequest(
                options.model(),
                messages(prompt.getInstructions(), options.imageDetail()),
                options.temperature(),
                options.topP(),
                options.topK(),
                options.n(),
                stream ? Boolean.TRUE : null,
                streamUsage ? new ChatCompletionRequest.StreamOptions(true) : null,
                options.stopSequences(),
                options.maxTokens(),
                options.maxCompletionTokens(),
                options.presencePenalty(),
                options.frequencyPenalty(),
                options.seed(),
                options.user(),
                options.logitBias(),
                tools(toolDefinitions),
                toolChoice(options.toolChoice()),
                options.parallelToolCalls(),
                responseFormat(options.responseFormat()),
                options.reasoningEffort(),
                options.modalities(),
                options.audio());
    }

    // The three modes go out as strings; any other value names the one function the model must call.
    private static @Nullable Object toolChoice(@Nullable String choice) {
        if (choice == null || RequestOptions.TOOL_CHOICE_MODES.contains(choice)) {
            return choice;
        }
        return ChatCompletionRequest.NamedToolChoice.of(choice);
    }

    private ChatCompletionRequest.@Nullable ResponseFormat responseFormat(@Nullable ResponseFormatOption format) {
        if (format == null) {
            return null;
        }
        if (!format.type().equals(ResponseFormatOption.JSON_SCHEMA)) {
            return new ChatCompletionRequest.ResponseFormat(format.type(), null);
        }
        String name = format.name() != null ? format.name() : ResponseFormatOption.DEFAULT_SCHEMA_NAME;
        return new ChatCompletionRequest.ResponseFormat(
                format.type(), new ChatCompletionRequest.JsonSchema(name, schema(format.schema()), format.strict()));
    }

    // Checked token by token, without building a tree, so a malformed schema fails here, naming the
    // option, and a valid one goes as written. Valid JSON that is not an object (an array, a string) is
    // no schema a hub accepts, and fails here too.
    private String schema(@Nullable String schema) {
        if (schema == null) {
            throw new IllegalArgumentException("Chat option 'responseFormat' asks for json_schema but has no schema");
        }
        try (JsonParser parser = json.createParser(schema)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Chat option 'responseFormat' has a schema that is "
                        + (first == null ? "empty" : "a JSON " + kind(first)) + " but must be a JSON object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(
                        "Chat option 'responseFormat' has a schema that is not valid JSON: more follows its object");
            }
        } catch (JacksonException malformed) {
            throw new IllegalArgumentException("Chat option 'responseFormat' has a schema that is not valid JSON: "
                    + malformed.getOriginalMessage());
        }
        return schema;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> "null";
        };
    }

    private static @Nullable List<FunctionTool> tools(List<ToolDefinition> definitions) {
        if (definitions.isEmpty()) {
            return null;
        }
        List<FunctionTool> tools = new ArrayList<>(definitions.size());
        for (ToolDefinition definition : definitions) {
            tools.add(FunctionTool.of(definition.name(), definition.description(), definition.inputSchema()));
        }
        return tools;
    }

    private static List<ChatCompletionMessage> messages(List<Message> instructions, @Nullable String imageDetail) {
        List<ChatCompletionMessage> messages = new ArrayList<>(instructions.size());
        for (Message message : instructions) {
            switch (message.getMessageType()) {
                case SYSTEM -> messages.add(ChatCompletionMessage.of("system", message.getText()));
                case USER -> messages.add(user((UserMessage) message, imageDetail));
                case ASSISTANT -> messages.add(assistant((AssistantMessage) message));
                case TOOL -> {
                    // One tool message per response: the wire format has no batch form.
                    for (ToolResponseMessage.ToolResponse response : ((ToolResponseMessage) message).getResponses()) {
                        messages.add(
                                new ChatCompletionMessage("tool", response.responseData(), null, null, response.id()));
                    }
                }
            }
        }
        return messages;
    }

    private static ChatCompletionMessage user(UserMessage message, @Nullable String imageDetail) {
        if (message.getMedia().isEmpty()) {
            return ChatCompletionMessage.of("user", message.getText());
        }
        List<ContentPart> parts = new ArrayList<>(message.getMedia().size() + 1);
        if (message.getText() != null && !message.getText().isEmpty()) {
            parts.add(ContentPart.text(message.getText()));
        }
        for (Media media : message.getMedia()) {
            parts.add(ContentPart.image(ImageUrls.of(media, "an OpenAI-compatible hub"), imageDetail));
        }
        return ChatCompletionMessage.of("user", parts);
    }

    private static ChatCompletionMessage assistant(AssistantMessage message) {
        List<ToolCall> toolCalls = null;
        if (message.hasToolCalls()) {
            toolCalls = new ArrayList<>(message.getToolCalls().size());
            for (AssistantMessage.ToolCall call : message.getToolCalls()) {
                toolCalls.add(new ToolCall(
                        null, call.id(), "function", new ToolCall.FunctionCall(call.name(), call.arguments())));
            }
        }
        // A streamed reply aggregated by Spring AI has "" as its text; next to tool calls that is sent as
        // no content at all, as for a whole reply, since some hubs reject an empty text beside tool calls.
        String text = message.getText();
        if (toolCalls != null && (text == null || text.isEmpty())) {
            text = null;
        }
        return new ChatCompletionMessage("assistant", text, null, toolCalls, null);
    }
}
