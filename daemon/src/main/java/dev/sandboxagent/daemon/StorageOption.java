package dev.sandboxagent.daemon;

import picocli.CommandLine.Option;

/** {@code --ephemeral}: keep sessions' event logs in memory only, as the daemon did before the file store. */
final class StorageOption {

    static final String EPHEMERAL = "--ephemeral";

    @Option(names = EPHEMERAL, description = "Keep event logs in memory only: nothing is written under the data "
            + "directory's sessions/ and nothing survives a restart (default: logs on disk, restored on restart).")
    boolean ephemeral;
}
