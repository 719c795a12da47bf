package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.daemon.DataDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data-dir}: where agents, plugins and the background daemon's files live. */
public final class DataDirOption {

    public static final String NAME = "--data-dir";

    @Option(names = NAME, paramLabel = "DIR",
            description = "Data directory: installed agents, plugins/, daemon files "
                    + "(default: $SANDBOX_AGENT_DATA_DIR or ~/.local/share/sandbox-agent).")
    Path dataDir;

    /** The effective data directory (absolute). */
    public Path get() {
        return DataDirectory.resolve(dataDir);
    }

    /** The option as given, or null. */
    public Path given() {
        return dataDir;
    }
}
