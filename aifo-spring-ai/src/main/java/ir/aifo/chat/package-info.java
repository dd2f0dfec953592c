/**
 * The Spring AI {@link org.springframework.ai.chat.model.ChatModel} for AI hubs, and its options.
 */
@NullMarked
package ir.aifo.chat;

import org.jspecify.annotations.NullMarked;
