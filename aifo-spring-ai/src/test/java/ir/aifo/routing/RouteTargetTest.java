package ir.aifo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTargetTest {

    @Test
    void hubEndsAtTheFirstColonSoModelIdsMayHoldColons() {
        RouteTarget target = RouteTarget.parse(" openrouter : deepseek/deepseek-r1:free ");

        assertThat(target.hub()).isEqualTo("openrouter");
        assertThat(target.model()).isEqualTo("deepseek/deepseek-r1:free");
        assertThat(target).hasToString("openrouter:deepseek/deepseek-r1:free");
        assertThat(target.isWholeHub()).isFalse();
    }

    @Test
    void aWholeHubIsWrittenByItsName() {
        assertThat(RouteTarget.wholeHub("aifo"))
                .hasToString("aifo")
                .satisfies(hub -> assertThat(hub.isWholeHub()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aifo", "aifo:", ":openai/gpt-5-mini", "  ", ""})
    void aTargetWithoutHubOrModelIsRefusedWithTheFormToUse(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RouteTarget.parse(text))
                .withMessageContaining("must be written hub:model, such as aifo:openai/gpt-5-mini");
    }
}
