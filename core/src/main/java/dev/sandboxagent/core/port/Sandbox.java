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
}
