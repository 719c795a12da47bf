package dev.sandboxagent.core.install;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An agent CLI binary that is ready to launch, and where it came from: installed by
 * {@link NpmInstaller} into the daemon's data directory, or found on the {@code PATH}.
 *
 * @param agentId the agent it belongs to (e.g. {@code "claude"})
 * @param binary  absolute path of the executable
 * @param version installed package version, or {@code null} when unknown (binaries on PATH)
 * @param source  where the binary was found
 */
public record InstalledAgent(String agentId, Path binary, String version, Source source) {

    /** Where an agent binary was found. */
    public enum Source {
        /** Installed by {@link NpmInstaller} under {@code <dataDir>/agents/<agentId>/}. */
        DATA_DIR,
        /** The first matching executable on the {@code PATH}. */
        PATH
    }

    public InstalledAgent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(source, "source");
    }
}
