/**
 * The MyAIHub dialect: {@code POST /api/chat_v3.php} with the key in the body, one whole reply per
 * request, and the plan's monthly per-provider quota reported with every reply and error.
 *
 * <p>Internal to the library: not part of its API, and free to change in any release.
 */
@NullMarked
package ir.aifo.internal.protocol.myaihub;

import org.jspecify.annotations.NullMarked;
