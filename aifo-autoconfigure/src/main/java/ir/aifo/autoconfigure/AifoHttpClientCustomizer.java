package ir.aifo.autoconfigure;

import java.net.http.HttpClient;

/**
 * Adjusts the JDK {@link HttpClient} the hub is called with, after the properties have been applied:
 * an executor, an authenticator, a cookie handler, anything the properties do not cover.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AifoHttpClientCustomizer {

    void customize(HttpClient.Builder builder);
}
