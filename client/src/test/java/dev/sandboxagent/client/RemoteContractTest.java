package dev.sandboxagent.client;

import dev.sandboxagent.core.contract.SandboxContractKit;
import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.port.SessionService;

import java.nio.file.Path;

/** The port contract against the client talking to a real daemon (the HTTP API in this JVM, with a token). */
class RemoteContractTest extends SandboxContractKit {

    static final String TOKEN = "contract-token";

    @Override
    protected Sandbox open(Path dir) {
        LocalDaemon daemon = new LocalDaemon(dir, TOKEN);
        SandboxClient client = SandboxClient.connect(daemon.uri(), TOKEN);
        return new Sandbox() {
            @Override
            public SessionService sessions() {
                return client.sessions();
            }

            @Override
            public AgentService agents() {
                return client.agents();
            }

            @Override
            public void close() {
                client.close();
                daemon.close();
            }
        };
    }
}
