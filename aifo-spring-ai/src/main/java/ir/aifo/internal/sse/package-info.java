/**
 * An incremental decoder that turns the bytes of a Server-Sent Events stream into events.
 *
 * <p>Internal to the library: not part of its API, and free to change in any release.
 */
@NullMarked
package ir.aifo.internal.sse;

import org.jspecify.annotations.NullMarked;
