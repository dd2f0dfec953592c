/**
 * What a router tells the hub models it calls, without it being part of their API.
 *
 * <p>Internal to the library: not part of its API, and free to change in any release.
 */
@NullMarked
package ir.aifo.internal.routing;

import org.jspecify.annotations.NullMarked;
