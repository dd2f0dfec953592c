package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.autoconfigure.AifoEndpoint.HubDescriptor;
import ir.aifo.chat.AifoChatModel;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /actuator/aifo}: every hub by its name, with the quota it last reported, and never a key. */
class AifoEndpointTest {

    private static final String MYAIHUB_KEY = "MYAIHUB-VIP-ENDPOINT-7f3c9a1e";

    private static final String TOKENHUB_KEY = "th_sk_live_ENDPOINTKEY0042";

    private static final String MYAIHUB_REPLY = """
            {"error": false, "reply": "سلام!", "model": "openai/gpt-5.2", "source": "openai", "plan": "vip",
             "usage": {"plan": "vip", "period": "2025-12", "used": 12, "limit": 830, "remaining": 818},
             "usage_breakdown": {"openrouter": {"used": 10, "limit": 750, "remaining": 740},
                                 "openai": {"used": 2, "limit": 80, "remaining": 78}}}
            """;

    @RegisterExtension
    static WireMockExtension myaihub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension tokenhub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter()
            .withConfiguration(AutoConfigurations.of(AifoEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=aifo");

    private final ApplicationContextRunner twoHubs = runner.withPropertyValues(
                    AifoContextRunner.namedHub("myaihub", myaihub.baseUrl(), MYAIHUB_KEY))
            .withPropertyValues(
                    "spring.ai.aifo.hubs.myaihub.protocol=myaihub",
                    "spring.ai.aifo.hubs.myaihub.chat.model=openai/gpt-5.2",
                    "spring.ai.aifo.primary=tokenhub",
                    "spring.ai.aifo.chat.model=gpt-4o-mini")
            .withPropertyValues(AifoContextRunner.namedHub("tokenhub", tokenhub.baseUrl(), TOKENHUB_KEY));

    @Test
    void listsEveryHubByNameWithTheQuotaItLastReported() {
        myaihub.stubFor(post(urlEqualTo("/api/chat_v3.php"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(MYAIHUB_REPLY)));
        twoHubs.run(context -> {
            context.getBean("myaihub", AifoChatModel.class).call(new Prompt("سلام"));

            Map<String, HubDescriptor> hubs =
                    context.getBean(AifoEndpoint.class).aifo().hubs();

            assertThat(hubs).containsOnlyKeys("myaihub", "tokenhub");
            HubDescriptor reported = hubs.get("myaihub");
            assertThat(reported.protocol()).isEqualTo("myaihub");
            assertThat(reported.baseUrl()).isEqualTo(myaihub.baseUrl());
            assertThat(reported.model()).isEqualTo("openai/gpt-5.2");
            assertThat(reported.plan()).isEqualTo("vip");
            assertThat(reported.period()).isEqualTo(YearMonth.of(2025, 12));
            assertThat(reported.quota().get("openai").remaining()).isEqualTo(78);
            HubDescriptor notYetCalled = hubs.get("tokenhub");
            assertThat(notYetCalled.protocol()).isEqualTo("openai");
            assertThat(notYetCalled.baseUrl()).isEqualTo(tokenhub.baseUrl());
            assertThat(notYetCalled.model()).isEqualTo("gpt-4o-mini");
            assertThat(notYetCalled.plan()).isNull();
            assertThat(notYetCalled.quota()).isEmpty();
        });
    }

    @Test
    void theSingleHubIsListedAsDefault() {
        AifoContextRunner.withHub(tokenhub.baseUrl(), TOKENHUB_KEY)
                .withConfiguration(AutoConfigurations.of(AifoEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=aifo")
                .run(context -> assertThat(
                                context.getBean(AifoEndpoint.class).aifo().hubs())
                        .containsOnlyKeys("default")
                        .extractingByKey("default")
                        .extracting(HubDescriptor::baseUrl)
                        .isEqualTo(tokenhub.baseUrl()));
    }

    @Test
    void itsBodyHasTheHubsByNameAndNoKey() {
        twoHubs.run(context -> {
            String body = JsonMapper.builder()
                    .build()
                    .writeValueAsString(context.getBean(AifoEndpoint.class).aifo());

            JsonNode json = JsonMapper.builder().build().readTree(body);
            assertThat(json.properties())
                    .extracting(Map.Entry::getKey)
                    .containsExactly("hubs", "routes", "defaultRoute", "store");
            assertThat(json.get("routes").isEmpty()).isTrue();
            assertThat(json.get("store").get("type").asString()).isEqualTo("memory");
            assertThat(json.get("store").get("state").asString()).isEqualTo("UP");
            assertThat(json.get("hubs").get("tokenhub").get("baseUrl").asString())
                    .isEqualTo(tokenhub.baseUrl());
            assertThat(body).doesNotContain(MYAIHUB_KEY).doesNotContain(TOKENHUB_KEY);
        });
    }

    @Test
    void noHubPropertiesShowAKey() {
        twoHubs.run(context -> {
            String shown = context.getBean(AifoConnectionProperties.class) + " "
                    + HubProperties.bind(
                            context.getEnvironment(),
                            "tokenhub",
                            NamedHubs.of(context.getEnvironment()).get("tokenhub"));

            assertThat(shown).contains("[redacted]").doesNotContain(TOKENHUB_KEY);
        });
    }
}
