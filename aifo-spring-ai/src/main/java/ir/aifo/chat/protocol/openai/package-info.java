/**
 * The OpenAI-compatible chat-completions dialect spoken by AiFO and TokenHub: wire records, request
 * building, reply and stream decoding, and error bodies.
 */
@NullMarked
package ir.aifo.chat.protocol.openai;

import org.jspecify.annotations.NullMarked;
