/**
 * Hub dialects: each turns a Spring AI prompt into its wire request and its wire replies back into
 * chat responses, knowing nothing of Spring beans or HTTP clients.
 *
 * <p>Internal to the library: not part of its API, and free to change in any release.
 */
@NullMarked
package ir.aifo.internal.protocol;

import org.jspecify.annotations.NullMarked;
