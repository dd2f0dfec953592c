package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.chat.error.HubError;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.routing.AifoRouteUnavailableException;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

/**
 * What the page shows for the failures the API tests cannot easily provoke through the simulator,
 * built from the library's own exceptions as the hub client throws them.
 */
class ChatFailureTest {

    private static final String HUB = "https://proxy-user:s3cret@hub.example:8443/gw?key=aifo_sk_live_X#frag";

    private static final HubQuota SPENT_VIP_QUOTA = new HubQuota(
            "vip",
            YearMonth.of(2026, 12),
            80,
            830,
            750,
            Map.of("openrouter", new QuotaBucket(0, 750, 750), "openai", new QuotaBucket(80, 80, 0)));

    @Test
    void anUnreachableHubSaysWhatToCheckWithoutRepeatingTheAddressAndItsCredentials() {
        ChatFailure failure = ChatFailure.of(new AifoConnectionException(
                "Could not connect to " + HUB, HubError.of(0, null), new ConnectException("Connection refused")));

        assertThat(failure.kind()).isEqualTo("connection");
        assertThat(failure.status()).isZero();
        assertThat(failure.message())
                .isEqualTo("Could not reach the hub. Check its address and the network.")
                .doesNotContain("s3cret", "aifo_sk_live_X");
    }

    @Test
    void aRouteNoHubCouldAnswerGivesEachHubsReasonWhenToTryAgainAndTheFirstHubsWords() {
        String persian = "سقف ماهانه GPT/OpenAI شما تمام شده است.";
        AifoQuotaExceededException spent =
                new AifoQuotaExceededException("spent", HubError.of(200, persian), "openai", SPENT_VIP_QUOTA);
        AifoConnectionException unreachable = new AifoConnectionException(
                "Could not connect to " + HUB, HubError.of(0, null), new ConnectException("Connection refused"));
        AifoRouteUnavailableException unavailable = new AifoRouteUnavailableException(
                "smart",
                List.of(
                        new TargetUnavailable(
                                RouteTarget.parse("myaihub:openai/gpt-5-mini"),
                                TargetUnavailable.Reason.QUOTA_SPENT,
                                "the openai bucket is spent",
                                Instant.parse("2027-01-01T00:00:00Z"),
                                true),
                        new TargetUnavailable(
                                RouteTarget.parse("aifo:openai/gpt-5-mini"),
                                TargetUnavailable.Reason.KEY_REFUSED,
                                "401: Incorrect API key provided.",
                                Instant.parse("2026-12-04T18:05:00Z"),
                                true),
                        new TargetUnavailable(
                                RouteTarget.parse("tokenhub:openai/gpt-5-mini"),
                                TargetUnavailable.Reason.FAILING,
                                "Could not connect",
                                null,
                                true)),
                Instant.parse("2026-12-04T18:05:00Z"),
                HubError.of(0, null));
        unavailable.addSuppressed(spent);
        unavailable.addSuppressed(unreachable);

        ChatFailure failure =
                RouteFailure.of(unavailable, Clock.fixed(Instant.parse("2026-12-04T18:00:00Z"), ZoneOffset.UTC));

        assertThat(failure.kind()).isEqualTo("unavailable");
        assertThat(failure.message())
                .isEqualTo("No hub on the route smart could answer: myaihub quota spent, aifo key refused, tokenhub"
                        + " failing. Try again after 2026-12-04 18:05 UTC. Check AIFO_API_KEY. Check the hubs'"
                        + " addresses and the network.")
                .doesNotContain("s3cret", "aifo_sk_live_X");
        assertThat(failure.hubMessage()).isEqualTo(persian);
        assertThat(failure.quota().buckets().get("openai").remaining()).isZero();
        assertThat(ChatFailure.of(new IllegalStateException("wrapped", unavailable))
                        .kind())
                .isEqualTo("unavailable");
    }

    @Test
    void aModelOutsideThePlanNamesThePlanAndKeepsTheHubsWords() {
        String persian = "در پلن PRO مدل‌های مستقیم OpenAI در دسترس نیست.";
        ChatFailure failure =
                ChatFailure.of(new AifoModelNotInPlanException("not in plan", HubError.of(200, persian), "pro"));

        assertThat(failure.kind()).isEqualTo("plan");
        assertThat(failure.message())
                .isEqualTo("The model is not included in the pro plan. Choose another model (AIFO_MODEL).");
        assertThat(failure.hubMessage()).isEqualTo(persian);
    }

    @Test
    void aRefusedRequestShowsTheHubsReasonCutToAReadableLength() {
        String reason = "temperature must be between 0 and 2 ".repeat(20);
        ChatFailure failure = ChatFailure.of(new AifoBadRequestException("bad", HubError.of(400, reason)));

        assertThat(failure.kind()).isEqualTo("bad-request");
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.hubMessage()).hasSize(301).endsWith("…");
    }

    @Test
    void aServerErrorLeavesOutTheBodyWhichMayBeAnHtmlPage() {
        ChatFailure failure = ChatFailure.of(
                new AifoServerException("The hub failed", HubError.of(502, "<html><body>Bad gateway</body></html>")));

        assertThat(failure.kind()).isEqualTo("hub");
        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.hubMessage()).isNull();
        assertThat(failure.message()).doesNotContain("<html>");
    }

    @Test
    void theLibrarysExceptionIsFoundWhenReactorWrapsIt() {
        RuntimeException wrapped = Exceptions.propagate(new IllegalStateException(
                "retry exhausted", new AifoServerException("The hub failed", HubError.of(503, null))));

        ChatFailure failure = ChatFailure.of(wrapped);

        assertThat(failure.kind()).isEqualTo("hub");
        assertThat(failure.status()).isEqualTo(503);
        assertThat(ChatFailure.isExplained(wrapped)).isTrue();
    }

    @Test
    void anInvalidOptionIsExplainedInTheLibrarysWords() {
        ChatFailure failure =
                ChatFailure.of(new IllegalArgumentException("temperature is 3.0, but must be between 0 and 2"));

        assertThat(failure.kind()).isEqualTo("invalid");
        assertThat(failure.message())
                .isEqualTo("The request was not sent: temperature is 3.0, but must be between 0 and 2");
    }

    @Test
    void anythingElseIsAGenericMessageThatPointsAtTheLog() {
        NullPointerException bug = new NullPointerException("Cannot invoke \"String.length()\" because \"x\" is null");

        ChatFailure failure = ChatFailure.of(bug);

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
