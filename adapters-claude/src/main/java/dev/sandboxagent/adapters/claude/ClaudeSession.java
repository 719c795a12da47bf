package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.process.StderrSnapshot;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.SessionSkills;
import dev.sandboxagent.core.spi.UserMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One claude session: one long-lived {@code claude -p} process speaking stream-json, that takes
 * every turn of the session. Its stdout goes through the {@link ClaudeTranslator}; answers to
 * permissions and questions go back through {@link ClaudeRequests}.
 */
final class ClaudeSession implements AgentSession {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final AgentEventSink sink;
    private final ClaudeTranslator translator;
    private final ClaudeRequests requests;
    private final AtomicLong controlIds = new AtomicLong();
    private final AgentProcess process;
    private volatile boolean closed;

    private ClaudeSession(AgentSessionSpec spec, AgentEventSink sink, String nativeId, boolean resume, boolean root) {
        this.sink = sink;
        this.requests = new ClaudeRequests(sink, this::write);
        this.translator = new ClaudeTranslator(sink, requests);
        List<String> argv = ClaudeCommand.argv(spec.binary(), spec, resume ? null : nativeId, resume ? nativeId : null,
                ClaudeMcpConfig.of(spec.mcpServers()));
        // skills: project skills of the session's directory, where claude looks for them
        SessionSkills.link(spec.skills(), spec.directory().resolve(".claude").resolve("skills"));
        Map<String, String> env = ClaudeCommand.environment(spec, root);
        // Known before the first turn: new conversations get their id from us (--session-id).
        sink.sessionStarted(nativeId, Jsons.JSON.createObjectBuilder()
                .add("agent", ClaudeAdapter.ID)
                .add("cwd", spec.directory().toString())
                .add("permissionMode", ClaudeCommand.permissionMode(spec.agentMode(), spec.permissionMode()))
                .add("resumed", resume)
                .build(), null);
        LaunchSpec launch = launchSpec(argv, spec, env);
        this.process = AgentProcess.start(launch, translator::accept, this::exited);
    }

    /**
     * The spec's environment is the one the process gets: variables of this JVM that it leaves
     * out are removed, so an embedder can keep secrets from the agent. An empty map means
     * "not given": the JVM's environment is inherited as is.
     */
    private static LaunchSpec launchSpec(List<String> argv, AgentSessionSpec spec, Map<String, String> env) {
        LaunchSpec.Builder b = LaunchSpec.builder().command(argv).directory(spec.directory()).env(env);
        if (!spec.environment().isEmpty()) {
            System.getenv().keySet().stream().filter(name -> !env.containsKey(name)).forEach(b::removeEnv);
        }
        return b.build();
    }

    /**
     * A new conversation, or, when the spec names one to resume, the stored conversation
     * (same HOME and directory) continued in a new process ({@code --resume}).
     */
    static ClaudeSession start(AgentSessionSpec spec, AgentEventSink sink) {
        String resume = spec.resumeNativeSessionId();
        return new ClaudeSession(spec, sink, resume != null ? resume : UUID.randomUUID().toString(), resume != null,
                ClaudeCommand.runningAsRoot());
    }

    @Override
    public void sendMessage(UserMessage message) {
        write(ClaudeProtocol.userMessage(ClaudeContent.of(message))); // its turn ends with claude's next result
    }

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        requests.replyPermission(permissionId, reply);
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        requests.replyQuestion(questionId, answers);
    }

    @Override
    public void rejectQuestion(String questionId) {
        requests.rejectQuestion(questionId);
    }

    /** claude's interrupt control request: it stops the turn and ends it with a result; the process stays. */
    @Override
    public void interrupt() {
        write(ClaudeProtocol.interrupt("interrupt-" + controlIds.incrementAndGet()));
    }

    @Override
    public void close() {
        closed = true;
        process.terminate(CLOSE_GRACE);
    }

    private void write(String line) {
        process().writeLine(line);
    }

    /** The process, also from callbacks that run while the constructor is still assigning it. */
    private AgentProcess process() {
        AgentProcess p = process;
        if (p == null) {
            throw new IllegalStateException("the claude process is not running yet");
        }
        return p;
    }

    private void exited(int exitCode, StderrSnapshot stderr) {
        if (closed) {
            return;
        }
        String message = exitCode == 0 ? null : "claude exited with code " + exitCode + lastLine(stderr);
        sink.agentExited(exitCode, message, stderr.isEmpty() ? null
                : stderr.toOutput());
    }

    private static String lastLine(StderrSnapshot stderr) {
        String text = stderr.truncated() ? stderr.tail() : stderr.head();
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "" : ": " + last;
    }
}
