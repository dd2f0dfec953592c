package ir.aifo.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks options before anything is sent, so that a wrong value fails with a message naming the
 * option, its value and the allowed range instead of a hub error or a silent clamp.
 */
final class ChatOptionsValidator {

    private static final List<String> REASONING_EFFORTS = List.of("low", "medium", "high");

    private static final List<String> IMAGE_DETAILS = List.of("auto", "low", "high");

    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Set<String> RESTRICTED_HEADERS =
            new TreeSet<>(Set.of("connection", "content-length", "expect", "host", "upgrade"));

    private ChatOptionsValidator() {}

    /** Checks the ranges of every set option; a missing model is allowed (a request may name one). */
    static void validateRanges(AifoChatOptions options) {
        between("temperature", options.getTemperature(), 0, 2);
        between("topP", options.getTopP(), 0, 1);
        atLeast("topK", options.getTopK(), 1);
        atLeast("n", options.getN(), 1);
        atLeast("maxTokens", options.getMaxTokens(), 1);
        atLeast("maxCompletionTokens", options.getMaxCompletionTokens(), 1);
        between("presencePenalty", options.getPresencePenalty(), -2, 2);
        between("frequencyPenalty", options.getFrequencyPenalty(), -2, 2);
        stopSequences(options.getStopSequences());
        logitBias(options.getLogitBias());
        oneOf("reasoningEffort", options.getReasoningEffort(), REASONING_EFFORTS);
        oneOf("imageDetail", options.getImageDetail(), IMAGE_DETAILS);
        toolChoice(options.getToolChoice());
        httpHeaders(options.getHttpHeaders());
        if (options.getModel() != null && options.getModel().isBlank()) {
            throw invalid("model", "\"" + options.getModel() + "\"", "a model id such as openai/gpt-5-mini");
        }
    }

    /** Checks everything a request needs: the ranges, and a model to send it to. */
    static void validateForRequest(AifoChatOptions options) {
        if (options.getModel() == null) {
            throw new IllegalArgumentException("Chat option 'model' is not set: set spring.ai.aifo.chat.model or"
                    + " AifoChatOptions.model to a model id such as openai/gpt-5-mini");
        }
        validateRanges(options);
    }

    // A value that is not a mode names a function; OpenAI's name rule catches typos such as "Auto".
    private static void toolChoice(@Nullable String choice) {
        if (choice != null
                && !AifoChatOptions.TOOL_CHOICE_MODES.contains(choice)
                && !FUNCTION_NAME.matcher(choice).matches()) {
            throw invalid(
                    "toolChoice",
                    "\"" + choice + "\"",
                    "none, auto, required or a function name of letters, digits, _ and - (at most 64)");
        }
    }

    // The JDK client refuses these itself, with a message that would not name the option.
    private static void httpHeaders(@Nullable Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        headers.forEach((name, value) -> {
            if (name == null || name.isBlank() || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw invalid("httpHeaders", headers.keySet(), "header names other than " + RESTRICTED_HEADERS);
            }
        });
    }

    private static void oneOf(String name, @Nullable String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw invalid(name, "\"" + value + "\"", "one of " + String.join(", ", allowed));
        }
    }

    private static void between(String name, @Nullable Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw invalid(name, value, "between " + format(min) + " and " + format(max));
        }
    }

    private static void atLeast(String name, @Nullable Integer value, int min) {
        if (value != null && value < min) {
            throw invalid(name, value, min + " or more");
        }
    }

    private static void stopSequences(@Nullable List<String> stop) {
        if (stop == null) {
            return;
        }
        for (String sequence : stop) {
            if (sequence == null || sequence.isEmpty()) {
                throw invalid("stopSequences", quoted(stop), "a list of non-empty strings");
            }
        }
    }

    // A plain list prints [""] as [], which hides the very value that is wrong.
    private static String quoted(List<String> strings) {
        StringBuilder text = new StringBuilder("[");
        for (String string : strings) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(string == null ? "null" : '"' + string + '"');
        }
        return text.append(']').toString();
    }

    private static void logitBias(@Nullable Map<String, Integer> bias) {
        if (bias == null) {
            return;
        }
        bias.forEach((token, weight) -> {
            if (token == null || !isTokenId(token)) {
                throw invalid("logitBias", bias, "token ids (whole numbers) as keys, found key \"" + token + "\"");
            }
            if (weight == null || weight < -100 || weight > 100) {
                throw invalid("logitBias", bias, "weights between -100 and 100, found " + weight + " for " + token);
            }
        });
    }

    private static boolean isTokenId(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static IllegalArgumentException invalid(String name, Object value, String allowed) {
        return new IllegalArgumentException("Chat option '" + name + "' is " + value + " but must be " + allowed
                + " (set through AifoChatOptions." + name + " or spring.ai.aifo.chat." + kebab(name) + ")");
    }

    private static String kebab(String camel) {
        StringBuilder text = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                text.append('-').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
