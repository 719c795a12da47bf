package dev.sandboxagent.client;

import dev.sandboxagent.core.contract.SandboxContractKit;
import dev.sandboxagent.core.port.Sandbox;

import java.nio.file.Path;

/** The port contract against the client talking to a real daemon (the HTTP API in this JVM, with a token). */
class RemoteContractTest extends SandboxContractKit {

    static final String TOKEN = "contract-token";

    @Override
    protected Sandbox open(Path dir) {
        LocalDaemon daemon = new LocalDaemon(dir, TOKEN);
        SandboxClient client = SandboxClient.connect(daemon.uri(), TOKEN);
        return Sandbox.of(client.sessions(), client.agents(), () -> {
            client.close();
            daemon.close();
        });
    }
}
