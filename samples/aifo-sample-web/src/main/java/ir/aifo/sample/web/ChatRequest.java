package ir.aifo.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * What the page posts to {@code /api/chat}: the user's message and, for a follow-up, the conversation
 * the server named in its last {@code meta} event.
 */
public record ChatRequest(
        @Nullable String message, @Nullable String conversationId) {}
