package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.TurnUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodexUsageTest {

    private static jakarta.json.JsonObject report(int input, int cached, int output) {
        return Jsons.parseObjectStrict("{\"total\":{\"inputTokens\":" + input + ",\"cachedInputTokens\":" + cached
                + ",\"outputTokens\":" + output + "},\"last\":{}}");
    }

    @Test
    void aTurnIsWhatTheRunningTotalGrewByWithCachedInputApart() {
        CodexUsage usage = new CodexUsage();
        assertThat(usage.turnEnded(report(100, 40, 20))).isEqualTo(new TurnUsage(60, 20, 40, null));
        assertThat(usage.turnEnded(report(250, 90, 50))).isEqualTo(new TurnUsage(100, 30, 50, null));
    }

    @Test
    void noReportIsNoUsageAndATotalThatShrankCountsWhole() {
        CodexUsage usage = new CodexUsage();
        assertThat(usage.turnEnded(null)).isEqualTo(TurnUsage.NONE);
        usage.turnEnded(report(500, 0, 100));
        assertThat(usage.turnEnded(report(30, 0, 5))).isEqualTo(new TurnUsage(30, 5, 0, null));
    }
}
