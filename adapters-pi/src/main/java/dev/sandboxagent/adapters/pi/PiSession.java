package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.process.StderrSnapshot;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pi session: one long-lived {@code pi --mode rpc} process in the session's directory, with
 * the daemon's environment, that takes every turn. The start waits for pi's answer to
 * {@code get_state}, which names pi's session (its id resumes it later with {@code --session});
 * a pi that exits instead (an unknown model or session id) fails the start with its reason.
 */
final class PiSession implements AgentSession {

    /** How long pi may take to start and answer get_state on a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final AgentEventSink sink;
    private final PiTranslator translator;
    private final AtomicLong ids = new AtomicLong();
    private volatile AgentProcess process;
    private volatile boolean closed;

    private PiSession(AgentEventSink sink) {
        this.sink = sink;
        this.translator = new PiTranslator(sink, this::write);
    }

    static PiSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        PiSession session = new PiSession(sink);
        LaunchSpec launch = LaunchSpec.builder().command(PiCommandLine.argv(spec)).directory(spec.directory())
                .env(spec.environment()).build();
        session.process = AgentProcess.start(launch, session.translator::accept, session::exited);
        session.awaitStarted();
        return session;
    }

    private void awaitStarted() throws Exception {
        try {
            write(PiCommands.getState(PiCommands.STATE_ID));
            translator.started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            closed = true;
            boolean timedOut = e instanceof TimeoutException;
            if (!timedOut) {
                process.waitFor(CLOSE_GRACE); // it is exiting: let its last stderr line arrive
            }
            process.terminate(CLOSE_GRACE);
            throw new IllegalStateException("pi did not start a session: " + (timedOut
                    ? "no answer to get_state within " + START_TIMEOUT.toSeconds() + " s"
                    : reason(process.stderr(), process.exitCode().orElse(-1))), e);
        }
    }

    @Override
    public void sendMessage(UserMessage message) {
        write(PiCommands.prompt(PiCommands.PROMPT_PREFIX + ids.incrementAndGet(), message.textNamingAttachments()));
    }

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        throw new UnsupportedOperationException("pi asks no permissions (its enabled tools always run)");
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        throw new UnsupportedOperationException("pi asks no questions");
    }

    @Override
    public void rejectQuestion(String questionId) {
        throw new UnsupportedOperationException("pi asks no questions");
    }

    /** Pi's {@code abort}: it stops the model call or tool (or a pending retry) and ends the run; the process stays. */
    @Override
    public void interrupt() {
        if (sink.openTurn() == null) {
            return;
        }
        write(PiCommands.abort(PiCommands.ABORT_PREFIX + ids.incrementAndGet()));
    }

    @Override
    public void close() {
        closed = true;
        process.terminate(CLOSE_GRACE);
    }

    private void write(String line) {
        process.writeLine(line);
    }

    private void exited(int exitCode, StderrSnapshot stderr) {
        boolean starting = translator.started.completeExceptionally(
                new IllegalStateException("pi exited with code " + exitCode));
        if (closed || starting) {
            return; // a failed start is reported by start() itself
        }
        sink.agentExited(exitCode, reason(stderr, exitCode), stderr.isEmpty() ? null : stderr.toOutput());
    }

    /** "pi exited with code N: <its last stderr line>". */
    private static String reason(StderrSnapshot stderr, int exitCode) {
        String text = (stderr.truncated() ? stderr.tail() : stderr.head()).strip();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1).strip();
        return "pi exited with code " + exitCode + (last.isEmpty() ? "" : ": " + last);
    }
}
