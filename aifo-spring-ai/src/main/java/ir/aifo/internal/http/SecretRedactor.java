package ir.aifo.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * Removes the API key from text that came from a hub or goes to a log: some hubs echo a rejected key in
 * their error message, and that message ends up in exceptions and logs.
 *
 * @since 0.1.0
 */
public final class SecretRedactor {

    /** What a secret is replaced with. */
    public static final String MASK = "[redacted]";

    private final String secret;

    public SecretRedactor(String secret) {
        this.secret = secret;
    }

    public @Nullable String redact(@Nullable String text) {
        // Short keys are not masked: replacing every "a" in a message would destroy it.
        if (text == null || secret.length() < 8) {
            return text;
        }
        return text.replace(secret, MASK);
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + MASK + "]";
    }
}
