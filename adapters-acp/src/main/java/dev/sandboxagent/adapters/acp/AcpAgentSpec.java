package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the ACP agent table ({@link AcpAgents}): everything that differs between agents that
 * speak the Agent Client Protocol. The protocol itself is the same for all of them.
 *
 * @param id              the agent id clients use
 * @param title           the agent's name, for messages
 * @param distribution    npm package, binary and the version this row was proven against
 * @param launchArgs      arguments that start the CLI in its ACP mode on stdio
 * @param modelFlag       the CLI flag that picks the model (the session's {@code model})
 * @param credentials     where the agent's credentials come from (presence only)
 * @param modes           the agent's ACP session modes, as it reports them in {@code session/new},
 *                        the neutral one (the agent's default approval mode) first
 * @param permissionModes the daemon's permission modes ({@code default}, {@code acceptEdits},
 *                        {@code plan}, {@code bypass}) → the ACP mode id that behaves so
 * @param clientFs        whether we offer {@code fs/read_text_file} and {@code fs/write_text_file}
 *                        (off where the agent mishandles them: see the agent's facts note)
 * @param capabilities    what the adapter delivers with this agent
 */
public record AcpAgentSpec(
        String id,
        String title,
        NpmDistribution distribution,
        List<String> launchArgs,
        String modelFlag,
        List<CredentialSource> credentials,
        List<AgentMode> modes,
        Map<String, String> permissionModes,
        boolean clientFs,
        AgentCapabilities capabilities) {

    public AcpAgentSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(distribution, "distribution");
        launchArgs = List.copyOf(launchArgs);
        credentials = List.copyOf(credentials);
        modes = List.copyOf(modes);
        permissionModes = Map.copyOf(permissionModes);
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /**
     * The ACP mode a session starts in. The engine gives every session an agent mode (the first
     * of {@link #modes} when the client names none), so the first mode is the neutral one: with
     * it, the permission mode decides; any other agent mode the client chose wins.
     */
    String acpMode(String agentMode, String permissionMode) {
        boolean chosen = agentMode != null && !modes.isEmpty() && !modes.getFirst().id().equals(agentMode)
                && modes.stream().anyMatch(m -> m.id().equals(agentMode));
        return chosen ? agentMode : permissionModes.get(permissionMode == null ? "default" : permissionMode);
    }
}
