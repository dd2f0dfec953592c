package ir.aifo.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * One hub as the page's panel shows it; never the API key.
 *
 * @param name the hub's name, as routes name it
 * @param protocol its dialect, {@code openai} or {@code myaihub}
 * @param baseUrl its address, without any user-info or query (see {@link ShownAddress})
 * @param simulated whether the built-in hub simulator answers for it (its key is not set)
 * @param keyVariable the environment variable its key is read from
 * @param quota the figures last reported for its key, as far as its dialect reports them; {@code null}
 *     before the first
 * @param coolDown why routes skip the whole hub for now (a refused key, a rate limit); {@code null} when
 *     they do not
 */
public record HubView(
        String name,
        String protocol,
        String baseUrl,
        boolean simulated,
        String keyVariable,
        @Nullable QuotaView quota,
        @Nullable TargetUnavailableView coolDown) {}
