/**
 * The OpenAI-compatible chat-completions dialect spoken by AiFO and TokenHub: wire records, request
 * building, reply and stream decoding, and error bodies.
 *
 * <p>Internal to the library: not part of its API, and free to change in any release.
 */
@NullMarked
package ir.aifo.internal.protocol.openai;

import org.jspecify.annotations.NullMarked;
