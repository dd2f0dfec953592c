/**
 * What a hub says back when a call fails, as typed exceptions: each carries the HTTP status and the
 * hub's own message ({@link ir.aifo.chat.error.HubError}), never the API key.
 */
@NullMarked
package ir.aifo.chat.error;

import org.jspecify.annotations.NullMarked;
