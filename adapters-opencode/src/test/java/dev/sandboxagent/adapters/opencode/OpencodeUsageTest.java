package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.testing.RecordingSink;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The turn's usage is the sum over its assistant messages (OpenCode starts one per step, each
 * with its own tokens and cost, repeated in every update of that message), shapes as recorded
 * from opencode 1.18.33 (serve-permission: a tool step, then the answer step).
 */
class OpencodeUsageTest {

    @Test
    void tokensAndCostOfOneAssistantMessage() {
        var info = Jsons.parseObjectStrict("{\"tokens\":{\"total\":180,\"input\":100,"
                + "\"output\":20,\"reasoning\":7,\"cache\":{\"write\":3,\"read\":50}},\"cost\":0.0125}");
        assertThat(TurnEndDetector.usageOf(info)).isEqualTo(new TurnUsage(100, 27, 50, new BigDecimal("0.0125")));
    }

    @Test
    void noTokensIsNoUsage() {
        assertThat(TurnEndDetector.usageOf(Jsons.parseObjectStrict("{\"finish\":\"stop\"}"))).isEqualTo(TurnUsage.NONE);
    }

    @Test
    void aTurnOfTwoStepsSumsBothMessagesEachCountedOnceHowEverOftenItIsUpdated() {
        RecordingSink sink = new RecordingSink();
        TurnEndDetector turn = new TurnEndDetector(sink::openTurn);
        sink.beginTurn("turn_1");
        turn.begin("turn_1");
        turn.accept(updated("{\"id\":\"msg_u\",\"role\":\"user\"}"));
        String tokens = "\"tokens\":{\"total\":120,\"input\":100,\"output\":20,\"reasoning\":1,\"cache\":{\"write\":0,\"read\":4}}";
        turn.accept(updated("{\"id\":\"msg_a\",\"role\":\"assistant\",\"parentID\":\"msg_u\",\"tokens\":{\"input\":0,"
                + "\"output\":0,\"reasoning\":0,\"cache\":{\"read\":0,\"write\":0}},\"cost\":0,\"time\":{}}"));
        turn.accept(updated("{\"id\":\"msg_a\",\"role\":\"assistant\",\"parentID\":\"msg_u\"," + tokens
                + ",\"cost\":0.5,\"time\":{},\"finish\":\"tool-calls\"}"));
        turn.accept(updated("{\"id\":\"msg_a\",\"role\":\"assistant\",\"parentID\":\"msg_u\"," + tokens
                + ",\"cost\":0.5,\"time\":{\"completed\":1},\"finish\":\"tool-calls\"}"));
        turn.accept(updated("{\"id\":\"msg_b\",\"role\":\"assistant\",\"parentID\":\"msg_u\"," + tokens
                + ",\"cost\":0.25,\"time\":{\"completed\":2},\"finish\":\"stop\"}"));
        // another turn's message (a different parent) does not count
        turn.accept(updated("{\"id\":\"msg_x\",\"role\":\"assistant\",\"parentID\":\"msg_other\"," + tokens
                + ",\"cost\":9,\"time\":{\"completed\":3}}"));
        assertThat(turn.accept(Jsons.parseObjectStrict("{\"type\":\"session.idle\",\"properties\":{}}"))).isTrue();

        assertThat(turn.usage()).isEqualTo(new TurnUsage(200, 42, 8, new BigDecimal("0.75")));
        assertThat(turn.endMetadata().getJsonObject("tokens").getInt("input")).as("metadata: the last message's").isEqualTo(100);

        turn.begin("turn_2");
        assertThat(turn.usage()).as("a new turn starts from nothing").isEqualTo(TurnUsage.NONE);
    }

    private static JsonObject updated(String info) {
        return Jsons.parseObjectStrict("{\"type\":\"message.updated\",\"properties\":{\"info\":" + info + "}}");
    }
}
