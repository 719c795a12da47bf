package dev.sandboxagent.core.port;

import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;

import java.util.List;

/** The inbound port for agents: which exist, their modes and models, and installing them. */
public interface AgentService {

    List<AgentInfo> listAgents();

    AgentInfo getAgent(String agentId);

    /** Installs (or, with {@code reinstall}, re-installs) the agent's CLI; {@code version} null = pinned default. */
    AgentInfo install(String agentId, String version, boolean reinstall);

    List<AgentMode> modes(String agentId);

    AgentModels models(String agentId);
}
