/**
 * Reading a hub's failures: the status and body to exception mapping shared by the dialects, the
 * {@code Retry-After} header, and the redaction of the key from what a hub echoes.
 */
@NullMarked
package ir.aifo.api;

import org.jspecify.annotations.NullMarked;
