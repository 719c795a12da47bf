package dev.sandboxagent.core.port;

/**
 * One sandbox-agent as an application sees it: its two inbound ports. The engine embedded in
 * this process ({@code SandboxAgent.embedded()...build()}) and a client of a daemon elsewhere
 * ({@code SandboxClient.connect(...)}, in the client module) both are one, so the same code
 * runs either way. Closing it ends what it owns: the embedded engine's sessions, or the
 * client's connections (never the daemon's sessions).
 */
public interface Sandbox extends AutoCloseable {

    SessionService sessions();

    AgentService agents();

    @Override
    void close();

    /**
     * A sandbox made of these two ports; closing it runs {@code closer} (e.g. close a client, then
     * stop the daemon it talks to).
     */
    static Sandbox of(SessionService sessions, AgentService agents, Runnable closer) {
        record Ports(SessionService sessions, AgentService agents, Runnable closer) implements Sandbox {
            @Override
            public void close() {
                closer.run();
            }
        }
        return new Ports(sessions, agents, closer);
    }
}
