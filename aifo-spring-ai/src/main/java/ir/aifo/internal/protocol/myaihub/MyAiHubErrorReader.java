package ir.aifo.internal.protocol.myaihub;

import static ir.aifo.internal.protocol.myaihub.MyAiHubQuotaReader.text;

import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.SecretRedactor;
import ir.aifo.internal.protocol.HubErrorClassifier;
import ir.aifo.internal.protocol.ReplySnippet;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps MyAIHub's {@code "error": true} bodies (section 8 of its document) to typed exceptions, whatever
 * the HTTP status: the hub's Persian message is kept as sent, behind an English summary.
 *
 * <p>The document gives no error codes, so the kind is read from the body's shape and wording: a
 * quota error carries usage figures and speaks of the monthly ceiling ("سقف"), a plan error names
 * the plan ("پلن"), a licence error speaks of the licence key, and an empty-field error of empty
 * fields ("خالی").
 */
final class MyAiHubErrorReader {

    private final SecretRedactor redactor;

    private final Clock clock;

    MyAiHubErrorReader(SecretRedactor redactor, Clock clock) {
        this.redactor = redactor;
        this.clock = clock;
    }

    /**
     * The exception for an error body (status 200 or not).
     *
     * @param model the model the request asked for, if known: the plan error does not name it
     */
    RuntimeException fromErrorBody(JsonNode body, HubReply reply, @Nullable String model) {
        int status = reply.status();
        String message = redactor.redact(text(body.get("message")));
        String details = redactor.redact(text(body.get("details")));
        String plan = text(body.get("plan"));
        HubError error = new HubError(status, hubText(message, details, reply), null, null, null);
        String wording = (message == null ? "" : message) + " " + (details == null ? "" : details);
        String lower = wording.toLowerCase(Locale.ROOT);
        HubQuota quota =
                MyAiHubQuotaReader.read(body, providerNamedIn(lower), YearMonth.now(clock.withZone(ZoneOffset.UTC)));

        // The body decides before the status: the document names no statuses, and a plan or quota error
        // sent with 403 still means the plan or the quota, not a refused key.
        if (lower.contains("license") || wording.contains("لایسنس")) {
            return refusedLicence(error, reply);
        }
        if (wording.contains("سقف") || lower.contains("quota") || hasSpentBucket(quota)) {
            String provider = spentProvider(lower, quota);
            return new AifoQuotaExceededException(
                    error.describe(quotaSummary(provider, quota)), error, provider, quota);
        }
        if (wording.contains("پلن") || (plan != null && quota == null)) {
            return new AifoModelNotInPlanException(
                    error.describe((model == null ? "The model" : "The model " + model)
                            + " is not part of the key's MyAIHub plan"
                            + (plan == null ? "" : " (" + plan.toUpperCase(Locale.ROOT) + ")")
                            + "; choose another model or upgrade the plan"),
                    error,
                    plan);
        }
        if (wording.contains("خالی") || lower.contains("empty")) {
            return new AifoBadRequestException(
                    error.describe("MyAIHub reports an empty required field (api_key, model or prompt)"), error);
        }
        if (status == 401 || status == 403) {
            return refusedLicence(error, reply);
        }
        if (status >= 300) {
            return HubErrorClassifier.classify(error, reply.retryAfter(clock), reply.uri());
        }
        // An error the document does not list, sent with status 200: the hub decided, so retrying is unlikely to help.
        return new AifoBadRequestException(error.describe("MyAIHub reported an error"), error);
    }

    /** The exception for a reply that is not a MyAIHub JSON body at all (an HTML page, say). */
    RuntimeException fromUnreadableReply(HubReply reply) {
        String snippet = ReplySnippet.of(reply, redactor);
        HubError error = HubError.of(reply.status(), snippet.isEmpty() ? null : snippet);
        if (reply.isSuccessful()) {
            return new AifoServerException(
                    error.describe("MyAIHub answered with a body that is not its JSON reply"), error);
        }
        return HubErrorClassifier.classify(error, reply.retryAfter(clock), reply.uri());
    }

    private static AifoAuthenticationException refusedLicence(HubError error, HubReply reply) {
        return HubErrorClassifier.refusedKey(
                error, reply.uri(), "refused the licence key: it is invalid or not active");
    }

    /**
     * The hub's own words: its {@code message} and {@code details}, or, for a body the document does not
     * describe (a web server's JSON 404, an error under another field name), the body itself, since its
     * words are all there is to go on.
     */
    private @Nullable String hubText(@Nullable String message, @Nullable String details, HubReply reply) {
        String documented = joined(message, details);
        if (documented != null) {
            return documented;
        }
        String snippet = ReplySnippet.of(reply, redactor);
        return snippet.isEmpty() ? null : snippet;
    }

    private static @Nullable String providerNamedIn(String lowerWording) {
        if (lowerWording.contains("gpt") || lowerWording.contains("openai")) {
            return HubQuota.OPENAI;
        }
        if (lowerWording.contains("openrouter")) {
            return HubQuota.OPENROUTER;
        }
        return null;
    }

    private static @Nullable String spentProvider(String lowerWording, @Nullable HubQuota quota) {
        String named = providerNamedIn(lowerWording);
        if (named != null || quota == null) {
            return named;
        }
        for (Map.Entry<String, QuotaBucket> bucket : quota.breakdown().entrySet()) {
            if (bucket.getValue().isExhausted()) {
                return bucket.getKey();
            }
        }
        return null;
    }

    private static boolean hasSpentBucket(@Nullable HubQuota quota) {
        return quota != null && quota.breakdown().values().stream().anyMatch(QuotaBucket::isExhausted);
    }

    private static String quotaSummary(@Nullable String provider, @Nullable HubQuota quota) {
        String who = provider == null ? "" : (provider.equals(HubQuota.OPENAI) ? " GPT/OpenAI" : " OpenRouter");
        StringBuilder summary =
                new StringBuilder("The key's monthly MyAIHub").append(who).append(" quota is spent");
        QuotaBucket bucket = quota == null || provider == null
                ? null
                : quota.bucket(provider).orElse(null);
        if (bucket != null) {
            summary.append(" (")
                    .append(bucket.used())
                    .append(" of ")
                    .append(bucket.limit())
                    .append(" requests)");
        }
        return summary.append("; it renews when the next calendar month starts, or with an add-on")
                .toString();
    }

    private static @Nullable String joined(@Nullable String message, @Nullable String details) {
        if (message == null) {
            return details;
        }
        return details == null ? message : message + " (" + details + ")";
    }
}
