package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.prompt.Prompt;

/** The builder takes a hub's address only: no query, fragment or user info, and never echoes a password. */
class AifoChatModelBaseUrlTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://hub.example.ir/?x=1     | a query",
                "https://hub.example.ir/v1?      | a query",
                "https://hub.example.ir/#top     | a fragment",
                "https://alice@hub.example.ir    | user info",
                "hub.example.ir                  | an absolute http or https URL",
                "ftp://hub.example.ir            | an absolute http or https URL",
                "https:///v1                     | an absolute http or https URL",
            })
    void baseUrlThatIsNotJustAnAddressIsRefusedNamingBaseUrl(String baseUrl, String reason) {
        Throwable failure = catchThrowable(() -> AifoConnection.builder().baseUrl(baseUrl));

        assertThat(failure)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://alice:s3cret-Pa55@hub.example.ir/v1    | user info",
                "https://alice:s3cret-Pa55@hub.example.ir/?x=1  | user info",
                "https://alice:s3cret Pa55@hub.example.ir       | not a valid URL",
                "https://alice:s3cret/Pa55@hub.example.ir       | user info",
                "alice:s3cret-Pa55@hub.example.ir               | user info",
            })
    void refusalOfABaseUrlWithAPasswordNeverShowsThePassword(String baseUrl, String reason) {
        Throwable failure = catchThrowable(() -> AifoConnection.builder().baseUrl(baseUrl));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
        assertThat(HubStub.stackTraceOf(failure))
                .contains("baseUrl")
                .doesNotContain("s3cret")
                .doesNotContain("Pa55");
    }

    @Test
    void refusalQuotesTheAddressWithoutUserInfoQueryOrFragment() {
        Throwable failure = catchThrowable(
                () -> AifoConnection.builder().baseUrl("https://alice:s3cret@hub.example.ir:8443/proxy?token=abc#x"));

        assertThat(failure)
                .hasMessageContaining("'https://hub.example.ir:8443/proxy'")
                .hasMessageNotContaining("alice")
                .hasMessageNotContaining("token=abc");
    }

    @Test
    void baseUrlWithAPathIsKeptAndRequestsGoBelowIt() {
        hub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/proxy/v1/chat/completions")
                .willReturn(HubStub.json(200, HubStub.completion("درود"))));
        AifoChatModel model = HubStub.model(HubStub.connection(hub).baseUrl(" " + hub.baseUrl() + "/proxy/ "))
                .build();

        model.call(new Prompt("سلام"));

        assertThat(model.getBaseUrl()).isEqualTo(hub.baseUrl() + "/proxy");
        assertThat(HubStub.allRequests(hub))
                .singleElement()
                .satisfies(request -> assertThat(request.getUrl()).isEqualTo("/proxy/v1/chat/completions"));
    }

    @Test
    void emptyBaseUrlIsRefusedNamingBaseUrl() {
        assertThat(catchThrowable(() -> AifoConnection.builder().baseUrl(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining("empty");
    }
}
