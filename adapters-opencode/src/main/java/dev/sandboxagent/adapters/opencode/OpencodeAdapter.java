package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.spi.SessionSkills;
import dev.sandboxagent.core.spi.NpmDistribution;
import dev.sandboxagent.core.spi.ServerStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * OpenCode over {@code opencode serve}: one shared server (per binary and environment, which
 * in a daemon means one) serves every session; each session is an OpenCode session in its own
 * directory with its own permission rules, so sessions stay apart. See {@link OpencodeServer}
 * for the server's lifecycle and {@link OpencodeSession} for one session.
 */
public final class OpencodeAdapter implements AgentAdapter {

    public static final String ID = "opencode";
    /** The version the adapter was proven against (agents/opencode.md). */
    public static final String VERSION = "1.18.33";

    private record ServerKey(Path binary, Map<String, String> environment) {
    }

    private final Map<ServerKey, OpencodeServer> servers = new ConcurrentHashMap<>();
    private final UnaryOperator<String> route;
    private volatile OpencodeServer lastUsed;

    public OpencodeAdapter() {
        this(UnaryOperator.identity());
    }

    /**
     * {@code route} maps the URL a server listens on to the URL the adapter calls it at (a test
     * puts a proxy in between that cuts the event stream).
     */
    OpencodeAdapter(UnaryOperator<String> route) {
        this.route = route;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .planMode() // the plan agent
                .permissions() // permission.asked, answered over HTTP
                .questions() // the question tool
                .toolCalls()
                .toolResults()
                .textMessages()
                .images() // image attachments are sent as file parts, which OpenCode gives the model as images
                .fileAttachments() // sent as file parts
                .sessionLifecycle() // the OpenCode session id is announced
                .errorEvents() // session.error
                .reasoning() // reasoning parts
                .status() // step, retry and patch items
                .commandExecution() // bash tool calls with their output
                .fileChanges() // file_ref from edit/write/patch
                .streamingDeltas() // message.part.delta
                .itemStarted()
                .sharedProcess()
                // not mcpTools: MCP servers are added (POST /mcp); their calls are ordinary tool calls
                .build();
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(
                new AgentMode("build", "Build", "OpenCode's default agent: edits files and runs commands."),
                new AgentMode("plan", "Plan", "OpenCode's planning agent: analyses and plans without changing files."));
    }

    @Override
    public AgentModels models(Path binary) {
        if (binary == null) {
            return new AgentModels(List.of(), null);
        }
        OpencodeServer server = lastUsed != null && lastUsed.binary().equals(binary) ? lastUsed
                : server(binary, System.getenv(), Path.of(System.getProperty("user.dir")));
        try {
            return Models.list(server.ensureRunning().client, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.getLogger(OpencodeAdapter.class.getName()).log(System.Logger.Level.WARNING,
                    "could not list opencode's models", e);
            return new AgentModels(List.of(), null);
        }
    }

    @Override
    public Optional<NpmDistribution> distribution() {
        return Optional.of(new NpmDistribution("opencode-ai", "opencode", VERSION));
    }

    @Override
    public List<CredentialSource> credentialSources() {
        // OpenCode reads many providers' keys; these are the common ones plus its own auth file.
        return List.of(new CredentialSource.EnvVar("ANTHROPIC_API_KEY"), new CredentialSource.EnvVar("OPENAI_API_KEY"),
                new CredentialSource.EnvVar("OPENCODE_CONFIG_CONTENT"),
                new CredentialSource.HomeFile(".local/share/opencode/auth.json"));
    }

    /**
     * MCP servers are added to OpenCode's instance for the session's directory (all but OAuth
     * logins; see {@link OpencodeMcp}); skills are linked into the directory's {@code .opencode/skills}.
     */
    @Override
    public void checkSessionConfig(List<McpServer> mcp, List<SessionSkills.Skill> skills) {
        OpencodeMcp.check(mcp);
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        if (spec.binary() == null) {
            throw new IllegalStateException("the opencode binary is not installed");
        }
        OpencodeServer server = server(spec.binary(), spec.environment(), spec.directory());
        // skills first: OpenCode reads a directory's skills when it first serves that directory
        SessionSkills.link(spec.skills(), spec.directory().resolve(".opencode").resolve("skills"));
        OpencodeServer.Run run = server.ensureRunning();
        OpencodeMcp.register(run, spec.directory().toAbsolutePath().toString(), spec.mcpServers(), spec.environment());
        ModelRef model;
        try {
            model = Models.resolve(spec.model(), run.client, spec.directory().toAbsolutePath().toString());
        } catch (IllegalArgumentException e) {
            throw SandboxException.invalid(e.getMessage());
        }
        OpencodeSession session = new OpencodeSession(run, spec, sink, model);
        session.open();
        return session;
    }

    private OpencodeServer server(Path binary, Map<String, String> environment, Path workDir) {
        OpencodeServer s = servers.computeIfAbsent(new ServerKey(binary, Map.copyOf(environment)),
                k -> new OpencodeServer(binary, environment, workDir.toAbsolutePath(), route));
        lastUsed = s;
        return s;
    }

    @Override
    public Optional<ServerStatus> serverStatus() {
        OpencodeServer s = lastUsed;
        return Optional.of(s != null ? s.status() : new ServerStatus("stopped", null, null, 0, null));
    }

    @Override
    public void shutdown() {
        servers.values().forEach(OpencodeServer::stop);
    }
}
