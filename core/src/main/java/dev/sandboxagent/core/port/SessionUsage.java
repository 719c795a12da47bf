package dev.sandboxagent.core.port;

import java.math.BigDecimal;

/**
 * What a session has cost so far, summed from its turns' usage reports: turns ended, tokens,
 * cost in US dollars (null while no turn reported one), the turns' wall time in milliseconds,
 * and the time of the last event (epoch milliseconds).
 */
public record SessionUsage(long turns, long inputTokens, long outputTokens, long cachedTokens, BigDecimal costUsd,
                           long turnWallMs, long lastActivityAt) {
}
