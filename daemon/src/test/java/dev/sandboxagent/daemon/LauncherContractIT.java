package dev.sandboxagent.daemon;

import dev.sandboxagent.client.SandboxClient;
import dev.sandboxagent.core.contract.SandboxContractKit;
import dev.sandboxagent.core.port.Sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The port contract through the Java client against the packaged launcher
 * ({@code sandbox-daemon server --no-token}), one daemon per scenario: the same suite the
 * embedded engine passes.
 */
class LauncherContractIT extends SandboxContractKit {

    @Override
    protected Sandbox open(Path dir) throws Exception {
        // The kit's directory is the sessions' default one too: the mock's 'permission' writes notes.txt there.
        DaemonProcess daemon = new DaemonProcess(dir, Map.of("SANDBOX_AGENT_DATA_DIR", dir.resolve("data").toString()),
                "server", "--no-token", "--host", "127.0.0.1", "--port", "0");
        SandboxClient client;
        try {
            client = SandboxClient.connect(URI.create(daemon.awaitUrl()), null);
        } catch (Exception e) {
            daemon.close();
            throw e;
        }
        return Sandbox.of(client.sessions(), client.agents(), () -> {
            client.close();
            daemon.close();
        });
    }
}
