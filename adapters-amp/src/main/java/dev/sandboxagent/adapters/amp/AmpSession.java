package dev.sandboxagent.adapters.amp;

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One Amp session: a thread on the Amp server, driven by one {@code amp} process per turn
 * ({@code amp -x} for the first, {@code amp threads continue THREAD -x} after), each with stdin
 * closed, in the session directory, with the daemon's environment. A process that dies without
 * ending its turn is a crash of the agent: the session ends with its exit code and stderr.
 *
 * <p>Why not one process with {@code --stream-json-input}: its turns have no end marker on
 * stdout (the result line only comes when stdin closes), and one turn cannot be interrupted
 * without ending the process.
 */
final class AmpSession implements AgentSession {

    private static final System.Logger LOG = System.getLogger(AmpSession.class.getName());
    /** How long Amp gets to finish after SIGTERM (it cancels the turn on the server and prints its result). */
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);
    /** How long a turn's process may take to exit after printing its result (it archives the thread). */
    static final Duration EXIT_AFTER_RESULT = Duration.ofSeconds(15);
    /** The first line of Amp's interactive login, printed when it finds no API key. */
    static final String LOGIN_PROMPT = "No API key found";

    private final AgentSessionSpec spec;
    private final AgentEventSink sink;
    private final Path settingsDir;
    private final Path settingsFile;
    private final ReentrantLock lock = new ReentrantLock();
    /** The Amp thread of this session; null until the first turn's process has named it. */
    private volatile String threadId;
    private Turn current;
    private volatile boolean closed;

    /** One turn: its translator and its process (set right after the start, under the lock). */
    private static final class Turn {
        final AmpTranslator translator;
        volatile AgentProcess process;
        /** Why the adapter ended the process itself (it cannot go on), reported when it exits. */
        volatile String fatal;

        Turn(AmpTranslator translator) {
            this.translator = translator;
        }
    }

    AmpSession(AgentSessionSpec spec, AgentEventSink sink) throws IOException {
        this.spec = spec;
        this.sink = sink;
        this.threadId = spec.resumeNativeSessionId(); // a known thread: the first turn continues it
        this.settingsDir = Files.createTempDirectory("sandbox-amp-");
        this.settingsFile = settingsDir.resolve("settings.json");
        Files.writeString(settingsFile, Jsons.print(AmpSettings.build(AmpSettings.userSettings(spec.environment()),
                spec.permissionMode(), spec.mcpServers(), spec.environment())), StandardCharsets.UTF_8);
        // project skills: Amp reads the directory's .agents/skills
        SessionSkills.link(spec.skills(), spec.directory().resolve(".agents").resolve("skills"));
    }

    @Override
    public void sendMessage(UserMessage message) {
        awaitPreviousExit(); // never concurrent with another sendMessage (the engine's contract)
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the amp session is closed");
            }
            List<String> argv = AmpCommandLine.turn(spec, threadId, settingsFile, message);
            LaunchSpec launch = LaunchSpec.builder().command(argv).directory(spec.directory())
                    .env(spec.environment()).build();
            Turn turn = new Turn(new AmpTranslator(sink, message.turnId()));
            turn.process = AgentProcess.start(launch, line -> onLine(turn, line), (code, err) -> onExit(turn, code, err));
            current = turn;
            turn.process.closeStdin(); // an open stdin makes `amp -x` wait for more input
        } finally {
            lock.unlock();
        }
    }

    /** The previous turn has ended; give its process a moment to exit so that two never share the thread. */
    private void awaitPreviousExit() {
        Turn previous;
        lock.lock();
        try {
            previous = current;
        } finally {
            lock.unlock();
        }
        if (previous != null && previous.process.isAlive() && !previous.process.waitFor(EXIT_AFTER_RESULT)) {
            LOG.log(System.Logger.Level.WARNING, "amp pid {0} still runs after its turn ended; terminating it",
                    previous.process.pid());
            previous.process.terminate(TERMINATE_GRACE);
        }
    }

    private void onLine(Turn turn, String line) {
        if (closed) {
            return;
        }
        if (line.startsWith(LOGIN_PROMPT) && turn.fatal == null) {
            // Without a key Amp starts an interactive login and waits for it forever, even with stdin closed.
            turn.fatal = "amp has no API key: set AMP_API_KEY in the daemon's environment (or run `amp login`)";
            Thread.ofVirtual().name("amp-stop-login").start(() -> processOf(turn).terminate(TERMINATE_GRACE));
        }
        turn.translator.accept(line);
        String id = turn.translator.threadId();
        if (id != null) {
            threadId = id;
        }
    }

    /** The turn's process, once sendMessage (which holds the lock while starting it) has set it. */
    private AgentProcess processOf(Turn turn) {
        lock.lock();
        try {
            return turn.process;
        } finally {
            lock.unlock();
        }
    }

    private void onExit(Turn turn, int code, StderrSnapshot stderr) {
        if (closed || !turn.translator.turnOpen()) {
            return; // its turn is over (ended by its result, or by core)
        }
        if (turn.fatal != null) {
            exited(code, turn.fatal, stderr);
            return;
        }
        if (sink.interruptRequested()) {
            turn.translator.endTurn("interrupted");
            return;
        }
        if (code == 0) {
            // It stopped without saying why: the turn is over, the session goes on.
            sink.error("amp exited without reporting the turn's result", "no_result", null, null);
            turn.translator.endTurn("error");
            return;
        }
        String first = stderr.head().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        exited(code, "amp exited with code " + code + (first.isEmpty() ? "" : ": " + first), stderr);
    }

    /** The agent died during a turn: the session is over (the engine will not call close). */
    private void exited(int code, String message, StderrSnapshot stderr) {
        closed = true;
        deleteSettings();
        sink.agentExited(code, message, stderr.toOutput());
    }

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        throw new UnsupportedOperationException("amp asks no permissions over stdio (its rules decide)");
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        throw new UnsupportedOperationException("amp asks no questions over stdio");
    }

    @Override
    public void rejectQuestion(String questionId) {
        throw new UnsupportedOperationException("amp asks no questions over stdio");
    }

    /** Ends the running turn's process (SIGTERM, then SIGKILL); the turn ends as interrupted. */
    @Override
    public void interrupt() {
        Turn turn;
        lock.lock();
        try {
            turn = current;
        } finally {
            lock.unlock();
        }
        if (turn == null || !turn.translator.turnOpen()) {
            return;
        }
        // core recorded the interrupt before calling this: the turn's end says so
        turn.process.terminate(TERMINATE_GRACE);
    }

    @Override
    public void close() {
        Turn turn;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            turn = current;
        } finally {
            lock.unlock();
        }
        if (turn != null) {
            turn.process.terminate(TERMINATE_GRACE);
        }
        deleteSettings();
    }

    private void deleteSettings() {
        try (Stream<Path> files = Files.walk(settingsDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete " + settingsDir, e);
        }
    }
}
