package ir.aifo.autoconfigure;

import java.net.http.HttpClient;

/**
 * Adjusts the JDK {@link HttpClient} the hub is called with, after the properties have been applied:
 * an executor, an authenticator, a cookie handler, anything the properties do not cover. The builder is
 * configured while the application starts and built on the first request; an executor set here runs
 * the work of streams, while blocking calls complete on the client's selector thread (see
 * {@code HubHttpClient}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AifoHttpClientCustomizer {

    void customize(HttpClient.Builder builder);
}
