package dev.sandboxagent.core.install;

import java.util.Optional;

/**
 * The outbound port for installing agent CLIs: what the agent catalog needs, whatever does the
 * work ({@link NpmInstaller} installs packages from an npm registry into the data directory;
 * an embedder may bring its own, e.g. one that only looks on the PATH).
 */
public interface AgentInstaller {

    /**
     * Installs {@code packageSpecName@version} for {@code agentId} ({@code version} null: the
     * latest), unless it is already installed and {@code reinstall} is false.
     *
     * @param binName the executable the package must provide
     * @throws InstallException when the install fails or the executable is not there afterwards
     */
    InstalledAgent install(String agentId, String packageSpecName, String version, String binName, boolean reinstall);

    /** The agent's executable, if it is installed (or otherwise found). */
    Optional<InstalledAgent> find(String agentId, String binName);
}
