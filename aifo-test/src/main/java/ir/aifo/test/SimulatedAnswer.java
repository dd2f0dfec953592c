package ir.aifo.test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's deterministic answer to a chat-completions request: the same request always gets
 * the same answer, derived from it, so tests can assert on it.
 *
 * <p>A request with tools gets a call to its first (or its chosen) tool, with arguments made from the
 * tool's schema; a request whose last message is a tool result gets an answer quoting it; a request
 * for a JSON schema gets a JSON document shaped by the schema; any other request gets a Persian
 * sentence quoting the question.
 *
 * @param content the text, or {@code null} for a tool call
 * @param toolName the tool called, or {@code null}
 * @param toolArguments the call's arguments as JSON text, or {@code null}
 * @param reasoning reasoning text, when the request set {@code reasoning_effort}
 */
record SimulatedAnswer(
        @Nullable String content,
        @Nullable String toolName,
        @Nullable String toolArguments,
        @Nullable String reasoning) {

    static final String REASONING = "پرسش را خواندم و کوتاه‌ترین پاسخ درست را می‌نویسم.";

    static SimulatedAnswer to(JsonNode request, JsonMapper json) {
        JsonNode messages = request.path("messages");
        JsonNode last =
                messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : json.createObjectNode();
        String reasoning = request.hasNonNull("reasoning_effort") ? REASONING : null;
        if ("tool".equals(last.path("role").asString(""))) {
            return new SimulatedAnswer("نتیجهٔ ابزار: " + last.path("content").asString(""), null, null, reasoning);
        }
        String question = questionOf(last);
        JsonNode tool = chosenTool(request);
        if (tool != null) {
            JsonNode function = tool.path("function");
            String arguments = json.writeValueAsString(sample(function.path("parameters"), question, json));
            return new SimulatedAnswer(null, function.path("name").asString("tool"), arguments, reasoning);
        }
        JsonNode format = request.path("response_format");
        String type = format.path("type").asString("");
        if (type.equals("json_schema")) {
            JsonNode schema = format.path("json_schema").path("schema");
            return new SimulatedAnswer(json.writeValueAsString(sample(schema, question, json)), null, null, reasoning);
        }
        if (type.equals("json_object")) {
            ObjectNode answer = json.createObjectNode().put("answer", question);
            return new SimulatedAnswer(json.writeValueAsString(answer), null, null, reasoning);
        }
        return new SimulatedAnswer("پاسخ شبیه‌ساز به «" + question + "»", null, null, reasoning);
    }

    /** The text of a user message: a string, or the text parts of a multi-part content, images counted. */
    static String questionOf(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        int images = 0;
        for (JsonNode part : content) {
            if ("image_url".equals(part.path("type").asString(""))) {
                images++;
            } else {
                text.append(part.path("text").asString(""));
            }
        }
        return images == 0 ? text.toString() : text + " (+" + images + " تصویر)";
    }

    private static @Nullable JsonNode chosenTool(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = request.path("tool_choice");
        if (choice.isString() && choice.asString().equals("none")) {
            return null;
        }
        String named = choice.path("function").path("name").asString(null);
        if (named != null) {
            for (JsonNode tool : tools) {
                if (named.equals(tool.path("function").path("name").asString(""))) {
                    return tool;
                }
            }
        }
        return tools.get(0);
    }

    /** A value that fits the schema: strings carry {@code text}, numbers are 1, booleans true. */
    static JsonNode sample(JsonNode schema, String text, JsonMapper json) {
        JsonNode enumValues = schema.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty()) {
            return enumValues.get(0);
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asString("object")
                : schema.path("type").asString(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = json.createObjectNode();
                Iterator<Map.Entry<String, JsonNode>> properties =
                        schema.path("properties").properties().iterator();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), sample(property.getValue(), text, json));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = json.createArrayNode();
                array.add(sample(schema.path("items"), text, json));
                return array;
            }
            case "integer" -> {
                return json.getNodeFactory().numberNode(1);
            }
            case "number" -> {
                return json.getNodeFactory().numberNode(1.5);
            }
            case "boolean" -> {
                return json.getNodeFactory().booleanNode(true);
            }
            case "null" -> {
                return json.getNodeFactory().nullNode();
            }
            default -> {
                return json.getNodeFactory().stringNode(text);
            }
        }
    }

    /** {@code content} cut into pieces of a few words, as a model streams it. */
    static List<String> pieces(@Nullable String content) {
        List<String> pieces = new ArrayList<>();
        if (content == null) {
            return pieces;
        }
        String[] words = content.split("(?<= )");
        StringBuilder piece = new StringBuilder();
        for (String word : words) {
            piece.append(word);
            if (piece.length() >= 6) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        return pieces;
    }
}
