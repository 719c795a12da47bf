package dev.sandboxagent.core.spi;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.math.BigDecimal;

/**
 * What one turn cost, as the agent reported it: tokens read (input, not counting cached), written
 * (output) and read from the prompt cache, and the price in US dollars when the agent says
 * (null otherwise). The one shape every adapter maps its agent's report to; core sums it per
 * session and per agent.
 */
public record TurnUsage(long inputTokens, long outputTokens, long cachedTokens, BigDecimal costUsd) {

    /** The agent reported nothing. */
    public static final TurnUsage NONE = new TurnUsage(0, 0, 0, null);

    public TurnUsage {
        if (inputTokens < 0 || outputTokens < 0 || cachedTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    /**
     * The Anthropic Messages API's {@code usage} object ({@code input_tokens}, {@code output_tokens},
     * {@code cache_read_input_tokens}), which Claude Code and Amp both pass on; {@code cost} may be null.
     */
    public static TurnUsage ofAnthropic(JsonObject usage, BigDecimal cost) {
        if (usage == null) {
            return cost == null ? NONE : new TurnUsage(0, 0, 0, cost);
        }
        return new TurnUsage(count(usage, "input_tokens"), count(usage, "output_tokens"),
                count(usage, "cache_read_input_tokens"), cost);
    }

    /** A non-negative whole number at {@code key}, 0 when absent or not a number. */
    public static long count(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonNumber n ? Math.max(0, n.longValue()) : 0;
    }

    /** A decimal at {@code key}, null when absent or not a number. */
    public static BigDecimal decimal(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonNumber n ? n.bigDecimalValue() : null;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Both turns' usage; the cost is known when either knows it. */
    public TurnUsage plus(TurnUsage other) {
        BigDecimal cost = costUsd == null ? other.costUsd
                : other.costUsd == null ? costUsd : costUsd.add(other.costUsd);
        return new TurnUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cachedTokens + other.cachedTokens, cost);
    }
}
