package ir.aifo.internal.protocol.openai;

import ir.aifo.fuzz.RandomText;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid chat completions as the OpenAI-compatible hubs document them (TokenHub's full response model,
 * AiFO's subset), in their variety: one or several choices, text as a string or as parts, reasoning
 * under either name, tool calls, refusal, audio, usage with details, and fields of the hub's own.
 */
final class ChatCompletionGenerator {

    /**
     * @param text the answer text of the first choice, as the reply must yield it ({@code null} for none)
     */
    record GeneratedCompletion(ObjectNode json, @Nullable String text) {}

    static final List<String> MODELS =
            List.of("openai/gpt-5-mini", "gpt-4o-mini", "deepseek/deepseek-r1", "anthropic/claude-sonnet-4", "مدل");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatCompletionGenerator() {}

    static GeneratedCompletion generate(SplittableRandom random) {
        ObjectNode completion = NODES.objectNode();
        completion.put("id", "chatcmpl-" + RandomText.word(random));
        completion.put("object", "chat.completion");
        completion.put("created", 1_700_000_000L + random.nextInt(100_000_000));
        completion.put("model", MODELS.get(random.nextInt(MODELS.size())));
        ArrayNode choices = completion.putArray("choices");
        int count = 1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0);
        String firstText = null;
        for (int i = 0; i < count; i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            String text = message(random, choice.putObject("message"));
            choice.put(
                    "finish_reason",
                    List.of("stop", "length", "tool_calls", "content_filter").get(random.nextInt(4)));
            if (random.nextInt(4) == 0) {
                choice.putNull("logprobs");
            }
            if (i == 0) {
                firstText = text;
            }
        }
        if (random.nextInt(4) != 0) {
            completion.set("usage", usage(random));
        }
        if (random.nextBoolean()) {
            completion.put("system_fingerprint", "fp_" + RandomText.word(random));
        }
        if (random.nextInt(8) == 0) {
            // Proxies that share one envelope for replies and errors mark a reply as not an error.
            if (random.nextBoolean()) {
                completion.putNull("error");
            } else {
                completion.put("error", false);
            }
        }
        if (random.nextInt(4) == 0) {
            completion.put("provider", "OpenAI");
            completion.putObject("x_hub").put("cost", 0.0012).putArray("tags").add("a");
        }
        return new GeneratedCompletion(completion, firstText);
    }

    /** Fills a message; returns the text it must yield. */
    private static @Nullable String message(SplittableRandom random, ObjectNode message) {
        message.put("role", "assistant");
        String text = null;
        switch (random.nextInt(6)) {
            case 0 -> message.putNull("content");
            case 1 -> {
                ArrayNode parts = message.putArray("content");
                StringBuilder joined = new StringBuilder();
                for (int p = random.nextInt(4); p > 0; p--) {
                    String part = RandomText.any(random, 5);
                    parts.addObject().put("type", "text").put("text", part);
                    joined.append(part);
                }
                text = joined.toString();
            }
            default -> {
                text = RandomText.any(random, 12);
                message.put("content", text);
            }
        }
        if (random.nextInt(3) == 0) {
            message.put(random.nextBoolean() ? "reasoning_content" : "reasoning", RandomText.any(random, 6));
        }
        if (random.nextInt(3) == 0) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int c = 1 + random.nextInt(3); c > 0; c--) {
                ObjectNode call = calls.addObject();
                call.put("id", "call_" + RandomText.word(random));
                call.put("type", "function");
                call.putObject("function")
                        .put("name", RandomText.word(random))
                        .put(
                                "arguments",
                                "{\"city\":\"" + RandomText.word(random) + "\",\"n\":" + random.nextInt(9) + "}");
            }
        }
        if (random.nextInt(5) == 0) {
            message.putNull("refusal");
        } else if (random.nextInt(10) == 0) {
            message.put("refusal", RandomText.any(random, 3));
        }
        if (random.nextInt(15) == 0) {
            message.putObject("audio")
                    .put("id", "audio_" + RandomText.word(random))
                    .put("data", "UklGRg==")
                    .put("transcript", RandomText.any(random, 3))
                    .put("expires_at", 1_700_000_000L);
        }
        return text;
    }

    static ObjectNode usage(SplittableRandom random) {
        ObjectNode usage = NODES.objectNode();
        int prompt = random.nextInt(10_000);
        int completion = random.nextInt(10_000);
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        if (random.nextBoolean()) {
            usage.putObject("prompt_tokens_details")
                    .put("cached_tokens", random.nextInt(prompt + 1))
                    .put("audio_tokens", 0);
            usage.putObject("completion_tokens_details")
                    .put("reasoning_tokens", random.nextInt(completion + 1))
                    .put("accepted_prediction_tokens", 0)
                    .put("rejected_prediction_tokens", 0);
        }
        return usage;
    }
}
