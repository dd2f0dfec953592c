package ir.aifo.sample.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The recent conversations' messages, in memory, so that follow-up questions are answered in context.
 *
 * <p>Bounded twice, because a sample has no user accounts to clean up after: the least recently used
 * conversation is forgotten beyond {@link #DEFAULT_MAX_CONVERSATIONS}, and each keeps only its last
 * {@link #DEFAULT_MAX_MESSAGES} messages, so neither memory nor the prompt sent to the hub grows forever.
 */
@Component
public class ConversationStore {

    static final int DEFAULT_MAX_CONVERSATIONS = 200;

    static final int DEFAULT_MAX_MESSAGES = 20;

    private final int maxMessages;

    private final Map<String, List<Message>> conversations;

    public ConversationStore() {
        this(DEFAULT_MAX_CONVERSATIONS, DEFAULT_MAX_MESSAGES);
    }

    ConversationStore(int maxConversations, int maxMessages) {
        Assert.isTrue(maxConversations > 0, "maxConversations must be positive");
        Assert.isTrue(maxMessages >= 2, "maxMessages must hold at least one question and its answer");
        this.maxMessages = maxMessages;
        this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Message>> eldest) {
                return size() > maxConversations;
            }
        };
    }

    /**
     * The id to continue under: the given one while it is remembered, else a new one. Ids are never
     * taken from the client unseen, so a client cannot fill the store with names of its choosing.
     */
    public synchronized String open(@Nullable String conversationId) {
        if (conversationId != null && conversations.containsKey(conversationId)) {
            return conversationId;
        }
        String id = UUID.randomUUID().toString();
        conversations.put(id, new ArrayList<>());
        return id;
    }

    /** The conversation's messages so far, oldest first; a copy. */
    public synchronized List<Message> history(String conversationId) {
        return List.copyOf(conversations.getOrDefault(conversationId, List.of()));
    }

    /**
     * Adds a question and its answer. Called only for answered questions, so a failed call leaves no
     * unanswered question behind to confuse the next prompt.
     */
    public synchronized void record(String conversationId, UserMessage question, AssistantMessage answer) {
        List<Message> messages = conversations.computeIfAbsent(conversationId, id -> new ArrayList<>());
        messages.add(question);
        messages.add(answer);
        while (messages.size() > maxMessages) {
            // Drop a whole exchange, so the history still starts with a question.
            messages.subList(0, Math.min(2, messages.size())).clear();
        }
    }

    /** How many conversations are remembered. */
    public synchronized int size() {
        return conversations.size();
    }
}
