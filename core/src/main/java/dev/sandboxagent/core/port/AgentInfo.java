package dev.sandboxagent.core.port;

import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.ServerStatus;

/** An agent as clients see it (the contract's AgentInfo). */
public record AgentInfo(
        String id,
        boolean installed,
        boolean credentialsAvailable,
        AgentCapabilities capabilities,
        String path,
        String version,
        ServerStatus serverStatus) {
}
