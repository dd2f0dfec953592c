package ir.aifo.internal.protocol.myaihub;

import ir.aifo.internal.protocol.ImageUrls;
import ir.aifo.internal.protocol.RequestOptions;
import ir.aifo.internal.protocol.UnsupportedRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Turns a prompt into MyAIHub's request: the last user message becomes {@code prompt} (and its one
 * image {@code image_url}), the turns before it {@code messages}.
 *
 * <p>What the endpoint cannot carry fails here, before sending: tools, structured output, several
 * choices, images anywhere but the last message, and images given by URL (the hub takes only
 * {@code data:} URLs, and fetching a remote image on the caller's behalf would be a surprise).
 * Sampling options the endpoint ignores are dropped, with one warning per option.
 */
final class MyAiHubRequestFactory {

    private static final Log logger = LogFactory.getLog(MyAiHubRequestFactory.class);

    private static final Map<String, Function<RequestOptions, @Nullable Object>> IGNORED_OPTIONS = ignoredOptions();

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MyAiHubRequest create(String apiKey, Prompt prompt, RequestOptions options, List<ToolDefinition> tools) {
        rejectUnsupported(options, tools);
        warnAboutIgnored(options);
        List<Message> messages = prompt.getInstructions();
        Message last = messages.get(messages.size() - 1);
        if (last.getMessageType() != MessageType.USER) {
            throw new UnsupportedRequestException("MyAIHub answers a prompt: the conversation must end with a user"
                    + " message, but it ends with a " + last.getMessageType().getValue() + " message");
        }
        UserMessage question = (UserMessage) last;
        if (question.getText() == null || question.getText().isBlank()) {
            throw new UnsupportedRequestException("MyAIHub needs a prompt: the last user message has no text");
        }
        List<MyAiHubRequest.Turn> history = new ArrayList<>(messages.size() - 1);
        for (Message message : messages.subList(0, messages.size() - 1)) {
            history.add(turn(message));
        }
        return new MyAiHubRequest(
                apiKey, options.model(), question.getText(), history.isEmpty() ? null : history, image(question));
    }

    private static void rejectUnsupported(RequestOptions options, List<ToolDefinition> tools) {
        if (!tools.isEmpty() || options.toolChoice() != null) {
            throw new UnsupportedRequestException(
                    "MyAIHub cannot call tools: remove the tools from this request, or use"
                            + " an OpenAI-compatible hub (spring.ai.aifo.protocol=openai)");
        }
        if (options.responseFormat() != null) {
            throw new UnsupportedRequestException("MyAIHub cannot enforce a response format (structured output): remove"
                    + " responseFormat, or use the prompt-based structured output of ChatClient.entity()");
        }
        if (options.n() != null && options.n() > 1) {
            throw new UnsupportedRequestException(
                    "MyAIHub returns one answer per request, but option 'n' asks for " + options.n());
        }
    }

    private void warnAboutIgnored(RequestOptions options) {
        IGNORED_OPTIONS.forEach((name, getter) -> {
            if (getter.apply(options) != null && warned.add(name) && logger.isWarnEnabled()) {
                logger.warn("Chat option '" + name + "' is not supported by MyAIHub and is not sent (this warning"
                        + " is given once)");
            }
        });
    }

    private static MyAiHubRequest.Turn turn(Message message) {
        MessageType type = message.getMessageType();
        if (type == MessageType.TOOL || (message instanceof AssistantMessage assistant && assistant.hasToolCalls())) {
            throw new UnsupportedRequestException("MyAIHub cannot carry tool calls or tool results in the history");
        }
        if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
            throw new UnsupportedRequestException(
                    "MyAIHub takes an image only with the last user message; an earlier message carries media");
        }
        return new MyAiHubRequest.Turn(type.getValue(), message.getText() == null ? "" : message.getText());
    }

    private static @Nullable String image(UserMessage question) {
        List<Media> media = question.getMedia();
        if (media.isEmpty()) {
            return null;
        }
        if (media.size() > 1) {
            throw new UnsupportedRequestException(
                    "MyAIHub takes one image per request, but the last user message carries " + media.size());
        }
        String url = ImageUrls.of(media.get(0), "MyAIHub");
        if (ImageUrls.isInline(url)) {
            return url;
        }
        throw new UnsupportedRequestException("MyAIHub takes images only as data: URLs, not as a link ("
                + abbreviate(url) + "): give the image's bytes, for example as a Resource, and it is sent inline");
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static Map<String, Function<RequestOptions, @Nullable Object>> ignoredOptions() {
        Map<String, Function<RequestOptions, @Nullable Object>> options = new LinkedHashMap<>();
        options.put("temperature", RequestOptions::temperature);
        options.put("topP", RequestOptions::topP);
        options.put("topK", RequestOptions::topK);
        options.put("stopSequences", RequestOptions::stopSequences);
        options.put("maxTokens", RequestOptions::maxTokens);
        options.put("maxCompletionTokens", RequestOptions::maxCompletionTokens);
        options.put("presencePenalty", RequestOptions::presencePenalty);
        options.put("frequencyPenalty", RequestOptions::frequencyPenalty);
        options.put("seed", RequestOptions::seed);
        options.put("user", RequestOptions::user);
        options.put("logitBias", RequestOptions::logitBias);
        options.put("reasoningEffort", RequestOptions::reasoningEffort);
        options.put("modalities", RequestOptions::modalities);
        options.put("audio", RequestOptions::audio);
        options.put("imageDetail", RequestOptions::imageDetail);
        options.put("parallelToolCalls", RequestOptions::parallelToolCalls);
        return Collections.unmodifiableMap(options);
    }
}
