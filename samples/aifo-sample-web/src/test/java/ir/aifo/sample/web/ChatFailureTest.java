package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

/**
 * What the page shows for the failures the API tests cannot easily provoke through the simulator,
 * built from the library's own exceptions as the hub client throws them.
 */
class ChatFailureTest {

    private static final String HUB = "https://proxy-user:s3cret@hub.example:8443/gw?key=aifo_sk_live_X#frag";

    @Test
    void anUnreachableHubIsNamedByItsAddressWithoutCredentials() {
        ChatFailure failure = ChatFailure.of(
                new AifoConnectionException(
                        "Could not connect", HubError.of(0, null), new ConnectException("Connection refused")),
                HUB);

        assertThat(failure.kind()).isEqualTo("connection");
        assertThat(failure.status()).isZero();
        assertThat(failure.message())
                .isEqualTo("Could not reach the hub at https://hub.example:8443/gw. Check the address and the network.")
                .doesNotContain("s3cret", "aifo_sk_live_X");
    }

    @Test
    void aModelOutsideThePlanNamesThePlanAndKeepsTheHubsWords() {
        String persian = "در پلن PRO مدل‌های مستقیم OpenAI در دسترس نیست.";
        ChatFailure failure =
                ChatFailure.of(new AifoModelNotInPlanException("not in plan", HubError.of(200, persian), "pro"), HUB);

        assertThat(failure.kind()).isEqualTo("plan");
        assertThat(failure.message())
                .isEqualTo("The model is not included in the pro plan. Choose another model (AIFO_MODEL).");
        assertThat(failure.hubMessage()).isEqualTo(persian);
    }

    @Test
    void aRefusedRequestShowsTheHubsReasonCutToAReadableLength() {
        String reason = "temperature must be between 0 and 2 ".repeat(20);
        ChatFailure failure = ChatFailure.of(new AifoBadRequestException("bad", HubError.of(400, reason)), HUB);

        assertThat(failure.kind()).isEqualTo("bad-request");
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.hubMessage()).hasSize(301).endsWith("…");
    }

    @Test
    void aServerErrorLeavesOutTheBodyWhichMayBeAnHtmlPage() {
        ChatFailure failure = ChatFailure.of(
                new AifoServerException("The hub failed", HubError.of(502, "<html><body>Bad gateway</body></html>")),
                HUB);

        assertThat(failure.kind()).isEqualTo("hub");
        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.hubMessage()).isNull();
        assertThat(failure.message()).doesNotContain("<html>");
    }

    @Test
    void theLibrarysExceptionIsFoundWhenReactorWrapsIt() {
        RuntimeException wrapped = Exceptions.propagate(new IllegalStateException(
                "retry exhausted", new AifoServerException("The hub failed", HubError.of(503, null))));

        ChatFailure failure = ChatFailure.of(wrapped, HUB);

        assertThat(failure.kind()).isEqualTo("hub");
        assertThat(failure.status()).isEqualTo(503);
        assertThat(ChatFailure.isExplained(wrapped)).isTrue();
    }

    @Test
    void anInvalidOptionIsExplainedInTheLibrarysWords() {
        ChatFailure failure =
                ChatFailure.of(new IllegalArgumentException("temperature is 3.0, but must be between 0 and 2"), HUB);

        assertThat(failure.kind()).isEqualTo("invalid");
        assertThat(failure.message())
                .isEqualTo("The request was not sent: temperature is 3.0, but must be between 0 and 2");
    }

    @Test
    void anythingElseIsAGenericMessageThatPointsAtTheLog() {
        NullPointerException bug = new NullPointerException("Cannot invoke \"String.length()\" because \"x\" is null");

        ChatFailure failure = ChatFailure.of(bug, HUB);

        assertThat(failure.kind()).isEqualTo("unexpected");
        assertThat(failure.message())
                .isEqualTo("Something went wrong while answering; the server's log has the details.");
        assertThat(ChatFailure.isExplained(bug)).isFalse();
    }

    @Test
    void anAddressThatIsNotAUrlIsNotRepeated() {
        assertThat(ShownAddress.of("not a url with spaces")).isEqualTo("the configured address");
        assertThat(ShownAddress.of("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
    }
}
