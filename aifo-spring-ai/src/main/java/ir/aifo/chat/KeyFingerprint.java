package ir.aifo.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, one-way name for an API key, so quotas can be kept and shown per key without the key. An
 * application reads a model's with {@link AifoChatModel#getKeyFingerprint()}.
 */
final class KeyFingerprint {

    private KeyFingerprint() {}

    /** The first 12 hex digits of the key's SHA-256, prefixed {@code key-}. */
    static String of(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is required of every JVM", missing);
        }
    }
}
