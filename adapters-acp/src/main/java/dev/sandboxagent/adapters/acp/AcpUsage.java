package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonObject;

/**
 * A turn's usage from the {@code session/prompt} result: the protocol's {@code usage}
 * ({@code inputTokens}, {@code outputTokens}, {@code cachedReadTokens}) when the agent sends it,
 * else Gemini CLI's {@code _meta.quota.token_count}. (Qwen Code reports it on message chunks
 * instead; the translator adds those.)
 */
final class AcpUsage {

    private AcpUsage() {
    }

    static TurnUsage of(JsonObject result) {
        if (result == null) {
            return TurnUsage.NONE;
        }
        JsonObject usage = Jsons.objectOrNull(result, "usage");
        if (usage != null) {
            return new TurnUsage(TurnUsage.count(usage, "inputTokens"), TurnUsage.count(usage, "outputTokens"),
                    TurnUsage.count(usage, "cachedReadTokens"), null);
        }
        JsonObject meta = Jsons.objectOrNull(result, "_meta");
        JsonObject quota = meta == null ? null : Jsons.objectOrNull(meta, "quota");
        JsonObject tokens = quota == null ? null : Jsons.objectOrNull(quota, "token_count");
        if (tokens != null) {
            return new TurnUsage(TurnUsage.count(tokens, "input_tokens"), TurnUsage.count(tokens, "output_tokens"),
                    TurnUsage.count(tokens, "cached_tokens"), null);
        }
        return TurnUsage.NONE;
    }
}
