package ir.aifo.quota.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One of the store's Lua scripts, with the SHA-1 that {@code EVALSHA} names it by. */
record StoreScript(String name, String source, String sha) {

    static final StoreScript MERGE_QUOTA = load("merge-quota.lua");

    static final StoreScript MERGE_COOL_DOWN = load("merge-cool-down.lua");

    static final StoreScript LOAD = load("load.lua");

    private static StoreScript load(String name) {
        try (InputStream in = StoreScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The script " + name + " is missing from aifo-quota-redis's jar");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new StoreScript(name, source, HexFormat.of().formatHex(sha));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-1 is required of every JVM", missing);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
