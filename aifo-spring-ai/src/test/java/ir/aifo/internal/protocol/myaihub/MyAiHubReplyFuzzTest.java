package ir.aifo.internal.protocol.myaihub;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.error.AifoException;
import ir.aifo.fuzz.ByteMutator;
import ir.aifo.fuzz.FuzzCases;
import ir.aifo.fuzz.FuzzLoop;
import ir.aifo.fuzz.HostileHeaders;
import ir.aifo.fuzz.JsonMutator;
import ir.aifo.fuzz.ParseOutcome;
import ir.aifo.fuzz.ParserContract;
import ir.aifo.fuzz.PrintableBytes;
import ir.aifo.fuzz.RandomStatus;
import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.protocol.WireJson;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes {@link MyAiHubProtocol#readReply} with the document's own bodies (the reply of section 6
 * and the five errors of section 8) broken every way a hub or proxy could break them: each reads as
 * a chat response or fails with an {@code Aifo...} exception, in time; a response always carries
 * the reply text, and an error body or an error status never reads as an answer. {@link
 * MyAiHubProtocol#readError} returns an {@code Aifo...} exception for them (checked on a quarter of
 * the cases).
 */
class MyAiHubReplyFuzzTest {

    private static final int CASES = 10_000;

    private static final URI HUB = URI.create("https://myaihub.ir/api/chat_v3.php");

    private static final List<String> DOCUMENT_BODIES = List.of(
            MyAiHubExamples.SUCCESS,
            MyAiHubExamples.LICENCE_INVALID,
            MyAiHubExamples.NOT_IN_PLAN,
            MyAiHubExamples.OPENROUTER_QUOTA_SPENT,
            MyAiHubExamples.GPT_QUOTA_SPENT,
            MyAiHubExamples.EMPTY_FIELDS);

    private static final Set<String> FIELD_NAMES = Set.of(
            "error",
            "reply",
            "model",
            "source",
            "plan",
            "usage",
            "usage_breakdown",
            "used",
            "limit",
            "remaining",
            "period",
            "message",
            "details",
            "openai",
            "openrouter");

    private final JsonMapper json = WireJson.newMapper();

    private final MyAiHubProtocol protocol = new MyAiHubProtocol(
            MyAiHubExamples.API_KEY,
            MyAiHubProtocol.DEFAULT_COMPLETIONS_PATH,
            json,
            Clock.fixed(MyAiHubExamples.DECEMBER_20, ZoneOffset.UTC));

    @Test
    void mutatedDocumentBodiesReadAsResponsesOrAifoExceptions() {
        FuzzLoop.run("MyAIHub readReply: mutated document bodies", 0x3A1_0001L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            int which = random.nextInt(DOCUMENT_BODIES.size());
            JsonNode tree = json.readTree(DOCUMENT_BODIES.get(which));
            List<String> log = new ArrayList<>();
            boolean intact = random.nextInt(10) == 0;
            if (!intact) {
                JsonMutator mutator = new JsonMutator(random, FIELD_NAMES);
                mutator.mutate(tree, random.nextInt(4));
                log.addAll(mutator.log());
            }
            byte[] body = json.writeValueAsBytes(tree);
            if (!intact && random.nextInt(3) == 0) {
                ByteMutator bytes = new ByteMutator(random);
                body = bytes.mutate(body, 1 + random.nextInt(2));
                log.addAll(bytes.log());
            }
            int status = intact ? (random.nextBoolean() ? 200 : RandomStatus.any(random)) : RandomStatus.any(random);
            HttpHeaders headers = random.nextBoolean() ? HostileHeaders.json() : HostileHeaders.any(random);
            HubReply reply = new HubReply(HUB, status, headers, body);
            byte[] shown = body;
            Supplier<String> description =
                    () -> FuzzCases.describe(seed) + "\ndocument body " + which + ", status " + status + ", headers "
                            + headers.map() + "\nmutations " + log + "\nbody " + PrintableBytes.of(shown);

            ParseOutcome<ChatResponse> outcome =
                    ParserContract.check(() -> protocol.readReply(reply, "openai/gpt-5.2", Map.of()), description);
            if (outcome.result() != null) {
                assertThat(outcome.result().getResult().getOutput().getText())
                        .as(() -> "a response always carries the reply text; " + description.get())
                        .isNotNull();
            }
            if (!reply.isSuccessful() || (intact && which > 0)) {
                assertThat(outcome.failed())
                        .as(() -> "an error must not read as an answer; " + description.get())
                        .isTrue();
            }
            if (intact && which == 0 && reply.isSuccessful()) {
                assertThat(outcome.result()).as(description).isNotNull();
                assertThat(outcome.result().getResult().getOutput().getText())
                        .as(description)
                        .isEqualTo(MyAiHubExamples.REPLY_TEXT);
            }
            if (outcome.failure() != null) {
                assertThat(outcome.failure().getMessage()).as(description).doesNotContain(MyAiHubExamples.API_KEY);
            }
            if (random.nextInt(4) == 0) {
                // As the answer to a stream request: the error it stands for, returned, never thrown.
                ParseOutcome<RuntimeException> error =
                        ParserContract.check(() -> protocol.readError(reply), description);
                assertThat(error.result()).as(description).isInstanceOf(AifoException.class);
            }
        });
    }

    @Test
    void tenMegabyteBodiesReadOrFailInTime() {
        String longReply = "پاسخ ".repeat((10 << 20) / "پاسخ ".getBytes(StandardCharsets.UTF_8).length);
        List<byte[]> bodies = List.of(
                MyAiHubExamples.SUCCESS
                        .replace(MyAiHubExamples.REPLY_TEXT, longReply)
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"error\":true,\"message\":\"" + longReply + "\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"error\":false,\"reply\":\"x\",\"usage\":" + "[".repeat(5 << 20)).getBytes(StandardCharsets.UTF_8),
                ("<html><title>502</title>" + "x".repeat(10 << 20)).getBytes(StandardCharsets.UTF_8));
        FuzzLoop.runEach("MyAIHub readReply: 10 MB bodies", 0x3A1_0002L, bodies, (body, seed) -> {
            int index = bodies.indexOf(body);
            HubReply reply = new HubReply(HUB, 200, HostileHeaders.json(), body);
            ParseOutcome<ChatResponse> outcome = ParserContract.check(
                    () -> protocol.readReply(reply, "openai/gpt-5.2", Map.of()), () -> "10 MB body " + index);
            if (index == 0) {
                assertThat(outcome.result().getResult().getOutput().getText()).isEqualTo(longReply);
            } else {
                assertThat(outcome.failed()).as("10 MB body %d", index).isTrue();
            }
        });
    }
}
