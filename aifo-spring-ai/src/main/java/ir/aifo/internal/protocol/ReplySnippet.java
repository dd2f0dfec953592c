package ir.aifo.internal.protocol;

import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.SecretRedactor;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A short, readable account of a reply body that is not what was expected, for error messages: an
 * HTML error page by its title, anything else by its first characters.
 *
 * @since 0.1.0
 */
public final class ReplySnippet {

    private static final int LENGTH = 200;

    private ReplySnippet() {}

    /** The account of a reply's body, with the key taken out of the whole text before it is cut. */
    public static String of(HubReply reply, SecretRedactor redactor) {
        return of(redactor.redact(reply.bodyText()));
    }

    /** The account of a body's text; redact secrets from the whole text first, since this cuts it. */
    public static String of(@Nullable String body) {
        if (body == null) {
            return "";
        }
        String text = body;
        String lower = text.toLowerCase(Locale.ROOT);
        int titleStart = lower.indexOf("<title>");
        int titleEnd = lower.indexOf("</title>");
        if (titleStart >= 0 && titleEnd > titleStart) {
            text = text.substring(titleStart + "<title>".length(), titleEnd);
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > LENGTH ? text.substring(0, LENGTH) + "…" : text;
    }
}
