package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.TurnUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The turn's usage from the metadata TurnEndDetector copies off the last assistant message (as recorded from opencode). */
class OpencodeUsageTest {

    @Test
    void tokensAndCostOfTheLastAssistantMessage() {
        var metadata = Jsons.parseObjectStrict("{\"stop_reason\":\"stop\",\"tokens\":{\"total\":180,\"input\":100,"
                + "\"output\":20,\"reasoning\":7,\"cache\":{\"write\":3,\"read\":50}},\"cost\":0.0125}");
        assertThat(OpencodeSession.usage(metadata)).isEqualTo(new TurnUsage(100, 27, 50, new BigDecimal("0.0125")));
    }

    @Test
    void noTokensIsNoUsage() {
        assertThat(OpencodeSession.usage(Jsons.parseObjectStrict("{\"stop_reason\":\"stop\"}")))
                .isEqualTo(TurnUsage.NONE);
    }
}
