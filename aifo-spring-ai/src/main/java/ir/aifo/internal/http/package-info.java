/**
 * The HTTP exchange with a hub over the JDK's {@link java.net.http.HttpClient}: one JSON request,
 * one reply or one Server-Sent Events stream.
 *
 * <p>Internal to the library: not part of its API, and free to change in any release.
 */
@NullMarked
package ir.aifo.internal.http;

import org.jspecify.annotations.NullMarked;
