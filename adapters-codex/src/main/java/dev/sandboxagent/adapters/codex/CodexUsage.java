package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A turn's usage from codex's {@code thread/tokenUsage/updated}: its {@code total} is the thread's
 * running sum, so a turn's usage is how much it grew since the previous turn ended (a total that
 * shrank means a new thread, e.g. after a restart, and counts whole). Codex counts cached input
 * inside {@code inputTokens}; the SPI's input excludes it.
 */
final class CodexUsage {

    private TurnUsage previousTotal = TurnUsage.NONE;

    /** The usage of the turn that ends now, given the last token report seen in it (may be null). */
    TurnUsage turnEnded(JsonValue tokenUsage) {
        JsonObject total = Jsons.object(Jsons.object(tokenUsage), "total");
        if (total.isEmpty()) {
            return TurnUsage.NONE;
        }
        long cached = TurnUsage.count(total, "cachedInputTokens");
        TurnUsage now = new TurnUsage(Math.max(0, TurnUsage.count(total, "inputTokens") - cached),
                TurnUsage.count(total, "outputTokens"), cached, null);
        TurnUsage before = previousTotal;
        previousTotal = now;
        boolean grew = now.inputTokens() >= before.inputTokens() && now.outputTokens() >= before.outputTokens()
                && now.cachedTokens() >= before.cachedTokens();
        return grew ? new TurnUsage(now.inputTokens() - before.inputTokens(),
                now.outputTokens() - before.outputTokens(), now.cachedTokens() - before.cachedTokens(), null) : now;
    }
}
