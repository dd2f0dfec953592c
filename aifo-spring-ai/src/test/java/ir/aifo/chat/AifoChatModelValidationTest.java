package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bad input fails with a message naming the option, its value and the allowed range, before anything is sent. */
class AifoChatModelValidationTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final JsonMapper json = JsonMapper.builder().build();

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of(
                        AifoChatOptions.builder().temperature(2.5).build(), "'temperature'", "2.5", "between 0 and 2"),
                Arguments.of(
                        AifoChatOptions.builder().temperature(-0.1).build(),
                        "'temperature'",
                        "-0.1",
                        "between 0 and 2"),
                Arguments.of(AifoChatOptions.builder().topP(1.5).build(), "'topP'", "1.5", "between 0 and 1"),
                Arguments.of(AifoChatOptions.builder().n(0).build(), "'n'", "is 0", "1 or more"),
                Arguments.of(AifoChatOptions.builder().maxTokens(0).build(), "'maxTokens'", "is 0", "1 or more"),
                Arguments.of(
                        AifoChatOptions.builder().maxCompletionTokens(0).build(),
                        "'maxCompletionTokens'",
                        "is 0",
                        "1 or more"),
                Arguments.of(
                        AifoChatOptions.builder().presencePenalty(3.0).build(),
                        "'presencePenalty'",
                        "3.0",
                        "between -2 and 2"),
                Arguments.of(
                        AifoChatOptions.builder().frequencyPenalty(-2.5).build(),
                        "'frequencyPenalty'",
                        "-2.5",
                        "between -2 and 2"),
                Arguments.of(
                        AifoChatOptions.builder()
                                .stopSequences(List.of("END", ""))
                                .build(),
                        "'stopSequences'",
                        "[\"END\", \"\"]",
                        "non-empty strings"),
                Arguments.of(
                        AifoChatOptions.builder()
                                .stopSequences(java.util.Arrays.asList("END", null))
                                .build(),
                        "'stopSequences'",
                        "[\"END\", null]",
                        "non-empty strings"),
                Arguments.of(
                        AifoChatOptions.builder().logitBias(Map.of("abc", 5)).build(),
                        "'logitBias'",
                        "\"abc\"",
                        "token ids"),
                Arguments.of(
                        AifoChatOptions.builder()
                                .logitBias(Map.of("50256", 101))
                                .build(),
                        "'logitBias'",
                        "101",
                        "between -100 and 100"),
                Arguments.of(AifoChatOptions.builder().model("  ").build(), "'model'", "\"  \"", "a model id"),
                Arguments.of(
                        AifoChatOptions.builder().toolChoice("get weather").build(),
                        "'toolChoice'",
                        "\"get weather\"",
                        "function name"),
                Arguments.of(
                        AifoChatOptions.builder()
                                .httpHeaders(Map.of("Host", "evil.example"))
                                .build(),
                        "'httpHeaders'",
                        "[Host]",
                        "header names other than"),
                // Spring AI's generic options are checked the same way.
                Arguments.of(
                        ChatOptions.builder().temperature(2.5).build(), "'temperature'", "2.5", "between 0 and 2"));
    }

    @ParameterizedTest
    @MethodSource("invalidOptions")
    void invalidOptionFailsNamingOptionValueAndRangeWithoutARequest(
            ChatOptions options, String name, String value, String allowed) {
        AifoChatModel model = HubStub.model(hub).build();

        Throwable failure = catchThrowable(() -> model.call(new Prompt("hi", options)));

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(value)
                .hasMessageContaining(allowed);
        assertNoRequestReachedTheHub();
    }

    @ParameterizedTest
    @MethodSource("invalidOptions")
    void invalidOptionFailsAStreamBeforeARequest(ChatOptions options, String name, String value, String allowed) {
        AifoChatModel model = HubStub.model(hub).build();

        StepVerifier.create(model.stream(new Prompt("hi", options)))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(name)
                        .hasMessageContaining(allowed))
                .verify(Duration.ofSeconds(5));
        assertNoRequestReachedTheHub();
    }

    @Test
    void invalidDefaultOptionFailsWhenTheModelIsBuilt() {
        Throwable failure = catchThrowable(() -> HubStub.model(hub)
                .defaultOptions(AifoChatOptions.builder()
                        .model("openai/gpt-5-mini")
                        .topP(1.5)
                        .build())
                .build());

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'topP'")
                .hasMessageContaining("1.5")
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void missingModelFailsBeforeARequest() {
        AifoChatModel model = HubStub.model(hub)
                .defaultOptions(AifoChatOptions.builder().temperature(0.5).build())
                .build();

        Throwable failure = catchThrowable(() -> model.call(new Prompt("hi")));

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'model'")
                .hasMessageContaining("not set")
                .hasMessageContaining("a model id such as openai/gpt-5-mini");
        assertNoRequestReachedTheHub();
    }

    @Test
    void promptWithoutMessagesFailsBeforeARequest() {
        Throwable failure = catchThrowable(() -> HubStub.model(hub).build().call(new Prompt(List.<Message>of())));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no messages");
        assertNoRequestReachedTheHub();
    }

    @Test
    void promptWithOnlyABlankUserMessageFailsBeforeARequest() {
        Throwable failure = catchThrowable(() ->
                HubStub.model(hub).build().call(new Prompt(List.of(new SystemMessage(" "), new UserMessage(" \n ")))));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertNoRequestReachedTheHub();
    }

    @Test
    void pdfAttachmentFailsBeforeARequest() {
        UserMessage message = UserMessage.builder()
                .text("این سند را خلاصه کن")
                .media(Media.builder()
                        .mimeType(MimeType.valueOf("application/pdf"))
                        .data(new byte[] {'%', 'P', 'D', 'F'})
                        .build())
                .build();

        Throwable failure = catchThrowable(() -> HubStub.model(hub).build().call(new Prompt(message)));

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("application/pdf")
                .hasMessageContaining("image");
        assertNoRequestReachedTheHub();
    }

    @Test
    void imageBytesGoOutAsABase64DataUrlAndAnImageUrlAsTheUrl() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("یک گربه")));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        UserMessage message = UserMessage.builder()
                .text("این تصویر چیست؟")
                .media(
                        Media.builder()
                                .mimeType(MimeTypeUtils.IMAGE_PNG)
                                .data(png)
                                .build(),
                        Media.builder()
                                .mimeType(MimeTypeUtils.IMAGE_JPEG)
                                .data(URI.create("https://example.com/photo.jpg"))
                                .build())
                .build();

        String answer = HubStub.model(hub)
                .build()
                .call(new Prompt(message))
                .getResult()
                .getOutput()
                .getText();

        assertThat(answer).isEqualTo("یک گربه");
        JsonNode content = json.readTree(HubStub.requests(hub).get(0).getBodyAsString())
                .get("messages")
                .get(0)
                .get("content");
        assertThat(content.toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"این تصویر چیست؟\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png) + "\"}},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/photo.jpg\"}}]");
    }

    @Test
    void imageGivenAsABase64StringGoesOutAsADataUrl() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));
        String base64 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        UserMessage message = UserMessage.builder()
                .text("این تصویر چیست؟")
                .media(Media.builder()
                        .mimeType(MimeTypeUtils.IMAGE_PNG)
                        .data(base64)
                        .build())
                .build();

        HubStub.model(hub).build().call(new Prompt(message));

        JsonNode image = json.readTree(HubStub.requests(hub).get(0).getBodyAsString())
                .get("messages")
                .get(0)
                .get("content")
                .get(1);
        assertThat(image.get("image_url").get("url").asString()).isEqualTo("data:image/png;base64," + base64);
    }

    private static void assertNoRequestReachedTheHub() {
        assertThat(HubStub.allRequests(hub)).isEmpty();
    }
}
