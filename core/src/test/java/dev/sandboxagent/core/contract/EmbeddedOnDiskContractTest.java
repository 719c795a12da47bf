package dev.sandboxagent.core.contract;

import dev.sandboxagent.core.embed.SandboxAgent;
import dev.sandboxagent.core.port.Sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** The port contract against the embedded engine with its event logs on disk (the daemon's file store). */
class EmbeddedOnDiskContractTest extends SandboxContractKit {

    @Override
    protected Sandbox open(Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        return SandboxAgent.embedded().dataDir(dir.resolve("data")).workingDirectory(work).keepEventsOnDisk().build();
    }
}
