package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/** The in-memory conversations stay bounded in number and in length. */
class ConversationStoreTest {

    @Test
    void aRememberedConversationIsContinuedAndAnUnknownOneReplaced() {
        ConversationStore store = new ConversationStore(10, 10);
        String id = store.open(null);

        assertThat(store.open(id)).isEqualTo(id);
        assertThat(store.open("chosen-by-the-client")).isNotEqualTo("chosen-by-the-client");
    }

    @Test
    void theLeastRecentlyUsedConversationIsForgottenFirst() {
        ConversationStore store = new ConversationStore(2, 10);
        String first = store.open(null);
        String second = store.open(null);
        store.record(first, new UserMessage("یک"), new AssistantMessage("۱"));

        store.open(null);

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.open(first)).isEqualTo(first);
        assertThat(store.open(second)).isNotEqualTo(second);
    }

    @Test
    void aLongConversationKeepsItsLatestExchangesAndStartsWithAQuestion() {
        ConversationStore store = new ConversationStore(10, 4);
        String id = store.open(null);
        for (int turn = 1; turn <= 3; turn++) {
            store.record(id, new UserMessage("q" + turn), new AssistantMessage("a" + turn));
        }

        List<Message> history = store.history(id);

        assertThat(history).extracting(Message::getText).containsExactly("q2", "a2", "q3", "a3");
        assertThat(history.get(0)).isInstanceOf(UserMessage.class);
    }
}
