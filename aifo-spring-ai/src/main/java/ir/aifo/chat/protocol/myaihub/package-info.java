/**
 * The MyAIHub dialect: {@code POST /api/chat_v3.php} with the key in the body, one whole reply per
 * request, and the plan's monthly per-provider quota reported with every reply and error.
 */
@NullMarked
package ir.aifo.chat.protocol.myaihub;

import org.jspecify.annotations.NullMarked;
