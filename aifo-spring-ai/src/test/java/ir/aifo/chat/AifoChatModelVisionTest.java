package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Images in user messages become content parts; media the dialect cannot carry fail before sending. */
class AifoChatModelVisionTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 42};

    private static final byte[] WEBP = {'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P', (byte) 0xfe};

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void chatClientSendsTextAndAnImageUrlAsTheDocumentedContentParts() throws Exception {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("یک گربه روی دیوار")));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());
        URL photo = URI.create("https://example.com/photo.jpg").toURL();

        String answer = client.prompt()
                .user(user -> user.text("این تصویر چیست؟").media(MimeTypeUtils.IMAGE_JPEG, photo))
                .options(AifoChatOptions.builder().model("openai/gpt-4o"))
                .call()
                .content();

        assertThat(answer).isEqualTo("یک گربه روی دیوار");
        JsonNode body = body(0);
        assertThat(body.get("model").asString()).isEqualTo("openai/gpt-4o");
        // AiFO's vision example, part for part.
        assertThat(body.get("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"text\",\"text\":\"این تصویر چیست؟\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/photo.jpg\"}}]}]");
    }

    @Test
    void bytesAndAResourceGoOutAsBase64DataUrlsOfTheirMimeTypes() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("two pictures")));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        client.prompt()
                .user(user -> user.text("Compare these")
                        .media(Media.builder()
                                .mimeType(MimeType.valueOf("image/webp"))
                                .data(WEBP)
                                .build())
                        .media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(PNG)))
                .call()
                .content();

        JsonNode parts = body(0).get("messages").get(0).get("content");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).get("type").asString()).isEqualTo("text");
        assertThat(parts.get(0).get("text").asString()).isEqualTo("Compare these");
        assertThat(decodedDataUrl(parts.get(1), "image/webp")).isEqualTo(WEBP);
        assertThat(decodedDataUrl(parts.get(2), "image/png")).isEqualTo(PNG);
        assertThat(parts.get(1).get("image_url").has("detail")).isFalse();
    }

    @Test
    void anImageWithoutTextIsOneImagePart() throws Exception {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("a cat")));
        UserMessage message = UserMessage.builder()
                .text("")
                .media(Media.builder()
                        .mimeType(MimeTypeUtils.IMAGE_GIF)
                        .data(URI.create("https://example.com/cat.gif").toURL())
                        .build())
                .build();

        HubStub.model(hub).build().call(new Prompt(message));

        assertThat(body(0).get("messages").get(0).get("content").toString())
                .isEqualTo("[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.gif\"}}]");
    }

    @Test
    void imageDetailAppearsOnEveryImageOfTheRequest() throws Exception {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());
        URL photo = URI.create("https://example.com/a.jpg").toURL();

        client.prompt()
                .user(user -> user.text("What differs?")
                        .media(MimeTypeUtils.IMAGE_JPEG, photo)
                        .media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(PNG)))
                .options(AifoChatOptions.builder().imageDetail("low"))
                .call()
                .content();

        JsonNode parts = body(0).get("messages").get(0).get("content");
        assertThat(parts.get(0).get("type").asString()).isEqualTo("text");
        assertThat(parts.get(1).get("image_url").toString())
                .isEqualTo("{\"url\":\"https://example.com/a.jpg\",\"detail\":\"low\"}");
        assertThat(parts.get(2).get("image_url").get("detail").asString()).isEqualTo("low");
        assertThat(decodedDataUrl(parts.get(2), "image/png")).isEqualTo(PNG);
        // A request-level option, not a body field.
        assertThat(body(0).has("image_detail")).isFalse();
        assertThat(body(0).has("imageDetail")).isFalse();
    }

    @Test
    void aStreamedVisionRequestCarriesTheSameParts() {
        HubStub.reply(
                hub,
                HubStub.sse(HubStub.contentChunk("a ")
                        + HubStub.contentChunk("cat")
                        + HubStub.finishChunk()
                        + HubStub.DONE));
        ChatClient client = ChatClient.create(HubStub.model(hub)
                .defaultOptions(AifoChatOptions.builder()
                        .model("openai/gpt-4o")
                        .imageDetail("high")
                        .build())
                .build());

        List<String> deltas = client
                .prompt()
                .user(user -> user.text("What is it?").media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(PNG)))
                .stream()
                .content()
                .collectList()
                .block(TIMEOUT);

        assertThat(deltas).containsExactly("a ", "cat");
        JsonNode parts = body(0).get("messages").get(0).get("content");
        assertThat(parts.get(1).get("image_url").get("detail").asString()).isEqualTo("high");
        assertThat(decodedDataUrl(parts.get(1), "image/png")).isEqualTo(PNG);
    }

    @Test
    void invalidImageDetailFailsBeforeSendingNamingTheOptionAndTheAllowedValues() {
        UserMessage message = imageMessage();
        AifoChatOptions options = AifoChatOptions.builder().imageDetail("ultra").build();
        AifoChatModel model = HubStub.model(hub).build();

        Throwable call = catchThrowable(() -> model.call(new Prompt(message, options)));

        assertThat(call)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("imageDetail")
                .hasMessageContaining("ultra")
                .hasMessageContaining("auto, low, high");
        StepVerifier.create(model.stream(new Prompt(message, options)))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("imageDetail"))
                .verify(TIMEOUT);
        assertThat(HubStub.allRequests(hub)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/mpeg", "audio/wav", "application/pdf", "video/mp4"})
    void mediaTheDialectCannotCarryFailsBeforeSendingWithAClearMessage(String mimeType) {
        UserMessage message = UserMessage.builder()
                .text("What is in this file?")
                .media(
                        Media.builder()
                                .mimeType(MimeTypeUtils.IMAGE_PNG)
                                .data(PNG)
                                .build(),
                        Media.builder()
                                .mimeType(MimeType.valueOf(mimeType))
                                .data(new byte[] {1, 2, 3})
                                .build())
                .build();
        AifoChatModel model = HubStub.model(hub).build();

        Throwable call = catchThrowable(() -> model.call(new Prompt(message)));

        assertThat(call)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(mimeType)
                .hasMessageContaining("only images");
        StepVerifier.create(model.stream(new Prompt(message)))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(mimeType))
                .verify(TIMEOUT);
        assertThat(HubStub.allRequests(hub)).isEmpty();
    }

    private static UserMessage imageMessage() {
        return UserMessage.builder()
                .text("What is it?")
                .media(Media.builder()
                        .mimeType(MimeTypeUtils.IMAGE_PNG)
                        .data(PNG)
                        .build())
                .build();
    }

    /** The bytes of an image part's {@code data:} URL, after checking its MIME type and encoding. */
    private static byte[] decodedDataUrl(JsonNode part, String mimeType) {
        assertThat(part.get("type").asString()).isEqualTo("image_url");
        String url = part.get("image_url").get("url").asString();
        String prefix = "data:" + mimeType + ";base64,";
        assertThat(url).startsWith(prefix);
        return Base64.getDecoder().decode(url.substring(prefix.length()));
    }

    private JsonNode body(int index) {
        return json.readTree(HubStub.requests(hub).get(index).getBodyAsString());
    }
}
