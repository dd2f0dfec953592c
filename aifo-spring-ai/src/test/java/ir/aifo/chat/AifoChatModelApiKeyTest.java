package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.internal.protocol.myaihub.MyAiHubExamples;
import ir.aifo.testing.LogCapture;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The API key is checked when the model is built: whitespace around it is removed, and any other
 * character a header cannot carry fails the build with its position and kind, never the key.
 */
class AifoChatModelApiKeyTest {

    private static final String KEY = HubStub.API_KEY;

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    final LogCapture logs = LogCapture.of(ApiKeyValidator.class);

    @Test
    void keyWithATrailingNewlineIsSentWithoutItAndOneWarningSaysSoWithoutTheKey() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("درود")));
        AifoChatModel model =
                HubStub.model(HubStub.connection(hub).apiKey(KEY + "\n")).build();

        model.call(new Prompt("سلام"));
        model.call(new Prompt("سلام"));

        assertThat(HubStub.requests(hub))
                .hasSize(2)
                .allSatisfy(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY));
        assertThat(logs.messages(Level.WARN))
                .singleElement()
                .asString()
                .contains("API key")
                .contains("a line feed (U+000A)")
                .contains("removed");
        assertNoPartOfTheKeyIn(logs.text(), KEY);
    }

    @Test
    void myAiHubKeyWithAWindowsLineEndingIsSentWithoutItInTheBody() {
        MyAiHubExamples.reply(hub, 200, MyAiHubExamples.SUCCESS);
        AifoChatModel model = MyAiHubExamples.model(
                        MyAiHubExamples.connection(hub).apiKey(MyAiHubExamples.API_KEY + "\r\n"),
                        Clock.fixed(MyAiHubExamples.DECEMBER_20, ZoneOffset.UTC))
                .build();

        model.call(new Prompt("سلام"));

        assertThat(MyAiHubExamples.requests(hub))
                .singleElement()
                .satisfies(request -> assertThat(
                                MyAiHubExamples.body(request).get("api_key").asString())
                        .isEqualTo(MyAiHubExamples.API_KEY));
        assertThat(logs.messages(Level.WARN)).singleElement().asString().contains("a carriage return (U+000D)");
        assertNoPartOfTheKeyIn(logs.text(), MyAiHubExamples.API_KEY);
    }

    @Test
    void keyWithSpacesAroundItIsSentWithoutThem() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("درود")));

        HubStub.model(HubStub.connection(hub).apiKey("  " + KEY + "\t")).build().call(new Prompt("سلام"));

        assertThat(HubStub.requests(hub))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY));
        assertThat(logs.messages(Level.WARN)).singleElement().asString().contains("2 before it and 1 after it");
    }

    static Stream<Arguments> keysWithACharacterAHeaderCannotCarry() {
        return Stream.of(
                Arguments.of(KEY.substring(0, 20) + "\n" + KEY.substring(20), "a line feed (U+000A) at position 21"),
                Arguments.of(KEY + "\r\nX-Injected: 1", "a carriage return (U+000D) at position 31"),
                Arguments.of(
                        KEY.substring(0, 9) + "\u200B" + KEY.substring(9),
                        "a zero-width space (U+200B) at position 10"),
                Arguments.of(KEY + "\u00A0", "a no-break space (U+00A0) at position 31"),
                Arguments.of("\uFEFF" + KEY, "a byte order mark (U+FEFF) at position 1"),
                Arguments.of(
                        KEY.substring(0, 5) + "\u0007" + KEY.substring(5),
                        "a control character (U+0007) at position 6"),
                Arguments.of(
                        KEY.substring(0, 3) + "\u0627" + KEY.substring(3), "a non-ASCII letter (U+0627) at position 4"),
                Arguments.of(
                        KEY.substring(0, 12) + "\u06F4" + KEY.substring(12),
                        "a non-ASCII digit (U+06F4) at position 13"),
                Arguments.of(KEY + "\u2013", "a non-ASCII character (U+2013) at position 31"),
                Arguments.of(KEY + "\uD83D\uDD11", "a non-ASCII character (U+1F511) at position 31"),
                Arguments.of(KEY + "\uD83D", "half of a character that was cut in two (U+D83D) at position 31"));
    }

    @ParameterizedTest
    @MethodSource("keysWithACharacterAHeaderCannotCarry")
    void keyWithACharacterAHeaderCannotCarryFailsTheBuildWithItsPositionAndKindButNotTheKey(
            String badKey, String expected) {
        Throwable failure =
                catchThrowable(() -> HubStub.connection(hub).apiKey(badKey).build());

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageContaining(expected)
                .hasNoCause();
        assertNoPartOfTheKeyIn(failure.getMessage(), KEY);
        assertNoPartOfTheKeyIn(failure.toString(), KEY);
        assertNoPartOfTheKeyIn(HubStub.stackTraceOf(failure), KEY);
        assertThat(HubStub.allRequests(hub)).isEmpty();
    }

    @Test
    void nonAsciiLetterIsNamedByItsCodePointOnly() {
        Throwable failure = catchThrowable(() ->
                HubStub.connection(hub).apiKey("aifo_sk_live_Schl\u00FCssel42").build());

        assertThat(failure)
                .hasMessageContaining("a non-ASCII letter (U+00FC) at position 18")
                .hasMessageNotContaining("\u00FC")
                .hasMessageNotContaining("Schl");
    }

    @Test
    void myAiHubKeyIsCheckedAlthoughItGoesInTheBody() {
        Throwable failure = catchThrowable(() -> MyAiHubExamples.connection(hub)
                .apiKey(MyAiHubExamples.API_KEY.substring(0, 8) + "\u200B" + MyAiHubExamples.API_KEY.substring(8))
                .build());

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a zero-width space (U+200B) at position 9");
        assertNoPartOfTheKeyIn(HubStub.stackTraceOf(failure), MyAiHubExamples.API_KEY);
    }

    @Test
    void spaceInsideTheKeyIsAllowedAsAHeaderCarriesIt() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("درود")));

        HubStub.model(HubStub.connection(hub).apiKey("team key\t42")).build().call(new Prompt("سلام"));

        assertThat(HubStub.requests(hub))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer team key\t42"));
        assertThat(logs.events()).isEmpty();
    }

    // Any eight characters of the key in a row would be a leak, as would the whole of it.
    private static void assertNoPartOfTheKeyIn(String text, String key) {
        for (int start = 0; start + 8 <= key.length(); start++) {
            assertThat(text).doesNotContain(key.substring(start, start + 8));
        }
    }
}
