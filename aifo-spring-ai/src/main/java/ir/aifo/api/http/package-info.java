/**
 * The HTTP exchange with a hub over the JDK's {@link java.net.http.HttpClient}: one JSON request,
 * one reply or one Server-Sent Events stream.
 */
@NullMarked
package ir.aifo.api.http;

import org.jspecify.annotations.NullMarked;
