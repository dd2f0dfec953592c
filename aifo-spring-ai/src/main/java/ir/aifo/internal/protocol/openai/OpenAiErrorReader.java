package ir.aifo.internal.protocol.openai;

import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.SecretRedactor;
import ir.aifo.internal.protocol.HubErrorClassifier;
import ir.aifo.internal.protocol.ReplySnippet;
import ir.aifo.internal.protocol.WireJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the error bodies of OpenAI-compatible hubs ({@code {"error":{"message","type","param","code"}}},
 * and the looser shapes some proxies send) into typed exceptions.
 */
final class OpenAiErrorReader {

    private final JsonMapper json;

    private final SecretRedactor redactor;

    private final Clock clock;

    OpenAiErrorReader(JsonMapper json, SecretRedactor redactor, Clock clock) {
        this.json = json;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** The exception for a reply that is an error, or is not the chat completion that was asked for. */
    RuntimeException read(HubReply reply) {
        return read(reply, "a chat completion");
    }

    /**
     * The exception for a reply to a stream request that is an error, or a successful reply that is
     * not an event stream (a hub that ignored {@code "stream":true} and answered whole).
     */
    RuntimeException readInsteadOfStream(HubReply reply) {
        return read(reply, "an event stream");
    }

    private RuntimeException read(HubReply reply, String expected) {
        Duration retryAfter = reply.retryAfter(clock);
        JsonNode body = WireJson.readObjectOrNull(json, reply.body());
        if (body != null) {
            HubError error = fromBody(body, reply.status());
            if (error != null) {
                return HubErrorClassifier.classify(error, retryAfter, reply.uri());
            }
        }
        if (reply.isSuccessful()) {
            return new AifoServerException(
                    "The hub answered with status " + reply.status() + " and a body that is not " + expected
                            + contentTypeNote(reply) + ": " + snippet(reply),
                    HubError.of(reply.status(), null));
        }
        return HubErrorClassifier.classify(HubError.of(reply.status(), nonJsonMessage(reply)), retryAfter, reply.uri());
    }

    /**
     * The exception for an {@code error} member found inside a completion or a stream event.
     *
     * @param uri the address the request was posted to, when known
     */
    RuntimeException fromErrorMember(JsonNode error, int status, @Nullable URI uri) {
        HubError hubError = describe(error, status);
        return HubErrorClassifier.classify(hubError, null, uri);
    }

    /**
     * Whether an {@code error} member reports an error: proxies that wrap replies and errors alike send
     * {@code "error": null} or {@code "error": false} with a good reply, which must not be lost.
     */
    static boolean isError(@Nullable JsonNode error) {
        return error != null && !error.isNull() && !(error.isBoolean() && !error.asBoolean());
    }

    private @Nullable HubError fromBody(JsonNode body, int status) {
        JsonNode error = body.get("error");
        if (isError(error)) {
            return describe(error, status);
        }
        JsonNode message = body.has("message") ? body.get("message") : body.get("detail");
        if (message != null && !(status >= 200 && status < 300)) {
            return HubError.of(status, redactor.redact(text(message)));
        }
        return null;
    }

    private HubError describe(JsonNode error, int status) {
        if (!error.isObject()) {
            return HubError.of(status, redactor.redact(text(error)));
        }
        // Every field is redacted: a hub may echo the rejected key in any of them.
        return new HubError(
                status,
                redactor.redact(text(error.get("message"))),
                redactor.redact(text(error.get("type"))),
                redactor.redact(text(error.get("code"))),
                redactor.redact(text(error.get("param"))));
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private @Nullable String nonJsonMessage(HubReply reply) {
        if (reply.body().length == 0) {
            return null;
        }
        return "(not a JSON error body" + contentTypeNote(reply) + ") " + snippet(reply);
    }

    private static String contentTypeNote(HubReply reply) {
        return reply.contentType().isEmpty() ? "" : " but " + reply.contentType();
    }

    private String snippet(HubReply reply) {
        return ReplySnippet.of(reply, redactor);
    }
}
