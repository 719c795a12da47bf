package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.spi.NpmDistribution;
import dev.sandboxagent.core.spi.SessionSkills;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Amp CLI ({@code @sourcegraph/amp}, binary {@code amp}). Amp's server runs the model and
 * leases tool calls to the CLI, which runs them locally; the adapter runs one {@code amp -x
 * --stream-json} process per turn on the session's thread ({@link AmpSession}) and translates
 * its stdout ({@link AmpTranslator}). Credentials and the server come from the environment
 * ({@code AMP_API_KEY}, {@code AMP_URL}).
 */
public final class AmpAdapter implements AgentAdapter {

    public static final String ID = "amp";
    static final String NPM_PACKAGE = "@sourcegraph/amp";
    static final String BIN = "amp";
    /** The version the adapter was proven against (the CLI prints it as its version). */
    static final String VERSION = "0.0.1790142911-g7618fb";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .toolCalls()
                .toolResults()
                .textMessages()
                .fileAttachments() // by reference: their paths are named in the prompt and Amp reads them (execute mode cannot attach files)
                .errorEvents()
                .reasoning() // thinking blocks (--stream-json-thinking)
                // not planMode: Amp has none; permission mode "plan" only rejects editing tools
                // not permissions: no approval protocol over stdio; rules decide, denials are failed tool results
                // not sessionLifecycle: a process per turn; core announces the session, Amp's init names the thread
                // not commandExecution: shell commands are plain tool calls
                // not streamingDeltas: Amp prints whole messages
                .build();
    }

    /** Amp's agent modes ({@code --mode}); the first is Amp's default. */
    @Override
    public List<AgentMode> modes() {
        return List.of(
                new AgentMode("medium", "Medium", "Amp's default mode (--mode medium)."),
                new AgentMode("low", "Low", "Faster and cheaper, for simple tasks (--mode low)."),
                new AgentMode("high", "High", "More reasoning for harder tasks (--mode high)."),
                new AgentMode("ultra", "Ultra", "The most capable and expensive mode (--mode ultra)."));
    }

    /** The mode chooses the model; Amp offers no model list of its own. */
    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(), null);
    }

    @Override
    public Optional<NpmDistribution> distribution() {
        return Optional.of(new NpmDistribution(NPM_PACKAGE, BIN, VERSION));
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return List.of(new CredentialSource.EnvVar("AMP_API_KEY"));
    }

    /**
     * MCP servers go into the session's settings file (see {@link AmpSettings#checkMcp} for what
     * Amp cannot take); skills are linked into the directory's {@code .agents/skills}.
     */
    @Override
    public void checkSessionConfig(List<McpServer> mcp, List<SessionSkills.Skill> skills) {
        AmpSettings.checkMcp(mcp);
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        return new AmpSession(spec, sink);
    }
}
