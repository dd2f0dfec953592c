package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged web sample, processed by Spring AOT at build time, run in AOT mode as a user runs it
 * ({@code java -Dspring.aot.enabled=true -jar}), on a free port: the hubs, the route and the simulator
 * fallback answer a reply streamed as events and a reply asked for whole, and the fallback to AiFO streams.
 */
class AotWebIT {

    @Test
    void theProcessedJarStreamsAndAnswersWholeInAotMode() throws Exception {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("aifo.sample.jar", "target/aifo-sample-web.jar"))
                .toFile())) {
            assertThat(
                            jar.getEntry(
                                    "BOOT-INF/classes/ir/aifo/sample/web/AifoSampleWebApplication__ApplicationContextInitializer.class"))
                    .as("the initializer Spring AOT generated")
                    .isNotNull();
            // The hints a native image would need for the JSON the chat API writes.
            String hints = new String(
                    jar.getInputStream(jar.getEntry(
                                    "META-INF/native-image/ir.aifo/aifo-sample-web/reachability-metadata.json"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(hints)
                    .contains(
                            "\"ir.aifo.sample.web.ReplyMeta\"",
                            "\"ir.aifo.sample.web.ChatController$WholeReply\"",
                            "\"ir.aifo.sample.web.ChatFailure\"",
                            "\"ir.aifo.sample.web.QuotaView\"");
        }
        int port = freePort();
        ChatApiClient api = new ChatApiClient(port);

        try (PackagedApp web = PackagedApp.start("web", List.of("--server.port=" + port))) {
            web.awaitReady(() -> answers(api, "/api/hubs"));

            web.verify(() -> {
                // Boot says so when it starts from the generated initializer, which spring.aot.enabled demands.
                assertThat(web.output()).contains("Starting AOT-processed AifoSampleWebApplication");
                JsonNode hubs = ChatApiClient.json(api.get("/api/hubs").body());
                assertThat(hubs.path("simulator").asBoolean()).isTrue();
                assertThat(hubs.path("defaultRoute").asString()).isEqualTo("smart");
                assertThat(hubs.path("hubs").findValuesAsString("name")).containsExactly("myaihub", "aifo");

                ChatApiClient.Reply streamed = api.chat("سلام", null);
                assertThat(streamed.text()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
                JsonNode meta = streamed.last().json();
                assertThat(streamed.last().name()).isEqualTo(ChatController.META);
                assertThat(meta.path("hub").asString()).isEqualTo("myaihub");
                assertThat(meta.path("simulated").asBoolean()).isTrue();
                assertThat(meta.path("quota")
                                .path("buckets")
                                .path("openai")
                                .path("used")
                                .asLong())
                        .isEqualTo(79);

                HttpResponse<String> whole =
                        api.chatWhole("دوباره", meta.path("conversationId").asString());
                assertThat(whole.statusCode()).isEqualTo(200);
                JsonNode reply = ChatApiClient.json(whole.body());
                assertThat(reply.path("text").asString()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «دوباره»");
                assertThat(reply.path("meta").path("hub").asString()).isEqualTo("myaihub");
                assertThat(reply.path("meta")
                                .path("quota")
                                .path("buckets")
                                .path("openai")
                                .path("used")
                                .asLong())
                        .isEqualTo(80);

                // MyAIHub's GPT requests are spent: the simulated AiFO answers, in the OpenAI dialect's pieces.
                ChatApiClient.Reply fallback = api.chat("امروز چه خبر؟", null);
                assertThat(fallback.named(ChatController.DELTA)).hasSizeGreaterThan(1);
                assertThat(fallback.text()).isEqualTo("پاسخ شبیه‌ساز به «امروز چه خبر؟»");
                JsonNode fallbackMeta = fallback.last().json();
                assertThat(fallbackMeta.path("hub").asString()).isEqualTo("aifo");
                assertThat(fallbackMeta.path("fallbacks").get(0).path("reason").asString())
                        .isEqualTo("quota spent");
            });
        }
    }

    private static boolean answers(ChatApiClient api, String path) {
        try {
            return api.get(path).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
