package ir.aifo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;

/** The messages a Spring AI caller sends: the benchmark's question, alone or after a chat history. */
final class Conversation {

    private Conversation() {}

    /**
     * {@code size} messages ending with {@link HubCaller#QUESTION}: the question alone for 1, else a system
     * message and earlier questions and answers before it, as a chat application sends its history.
     */
    static List<Message> of(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a conversation has at least the question: " + size);
        }
        List<Message> messages = new ArrayList<>(size);
        if (size > 1) {
            messages.add(new SystemMessage("You are a helpful assistant. Answer briefly, in the user's language."));
        }
        for (int turn = 0; messages.size() < size - 1; turn++) {
            messages.add(
                    messages.size() % 2 == 1
                            ? new UserMessage("Question " + turn + ": what does a benchmark of a chat client measure?")
                            : new AssistantMessage(
                                    "Answer " + turn + ": the time and memory a request costs the client."));
        }
        messages.add(new UserMessage(HubCaller.QUESTION));
        return List.copyOf(messages);
    }
}
