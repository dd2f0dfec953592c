/**
 * An incremental decoder that turns the bytes of a Server-Sent Events stream into events.
 */
@NullMarked
package ir.aifo.api.sse;

import org.jspecify.annotations.NullMarked;
