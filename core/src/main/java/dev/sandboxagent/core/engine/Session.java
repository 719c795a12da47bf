package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.port.SessionUsage;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.UserMessage;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session: its log, its normaliser, the adapter's handle, and the queue that turns posted
 * messages into turns one at a time. A dispatcher virtual thread takes the next message when
 * the previous turn has ended, so messages posted during a turn are never rejected and never
 * interleaved.
 */
final class Session implements Normalizer.Listener {

    private static final System.Logger LOG = System.getLogger(Session.class.getName());
    private static final UserMessage STOP = new UserMessage("", "", List.of());

    final String id;
    final String agent;
    final CreateSessionRequest config;
    final String agentMode;
    final String permissionMode;
    final String directory;
    /** The turn watchdog's silence limit, 0 for none. */
    final long turnIdleTimeoutMs;
    final long createdAt;
    final EventLog log;
    final Normalizer normalizer;
    private final SessionTally tally;

    private final LinkedBlockingQueue<UserMessage> queue = new LinkedBlockingQueue<>();
    // One permit while no turn runs: the dispatcher takes it to start a turn, turn end returns it.
    private volatile Semaphore idle = new Semaphore(1);
    private final AtomicLong turnCounter = new AtomicLong();
    private volatile AgentSession handle;
    private volatile Thread dispatcher;
    private volatile Thread watchdog;

    Session(String id, String agent, CreateSessionRequest config, String agentMode, String permissionMode,
            String directory, long turnIdleTimeoutMs, EventLog log, long createdAt, EngineObserver observer) {
        this.id = id;
        this.log = log;
        this.createdAt = createdAt;
        this.agent = agent;
        this.config = config;
        this.agentMode = agentMode;
        this.permissionMode = permissionMode;
        this.directory = directory;
        this.turnIdleTimeoutMs = turnIdleTimeoutMs;
        this.tally = new SessionTally(id, agent, observer);
        this.normalizer = new Normalizer(id, log, this, tally);
        // on another thread: the store may report it from inside an append, under the normaliser
        log.onStoreFailure(cause -> Thread.ofVirtual().name("store-failure-" + id)
                .start(() -> StoreFailure.stop(this, cause)));
    }

    void attach(AgentSession agentSession) {
        this.handle = agentSession;
        this.dispatcher = Thread.ofVirtual().name("session-" + id).start(this::dispatchLoop);
    }

    /**
     * Before an ended session is continued: its dispatcher (one that ended in this run has one)
     * is stopped, so that no message it held can start a turn once the session is reopened.
     */
    void stopDispatcher() throws InterruptedException {
        Thread previous = dispatcher;
        if (previous != null) {
            previous.interrupt();
            if (!previous.join(java.time.Duration.ofSeconds(10))) {
                throw new IllegalStateException("the session's previous dispatcher did not stop");
            }
        }
    }

    /** Continuation of an ended session: a fresh queue and dispatcher for the new agent process. */
    void reattach(AgentSession agentSession) {
        queue.clear();
        idle = new Semaphore(1);
        attach(agentSession);
    }

    /** A restored session's turn ids go on after its last one ({@code turn_N}). */
    void restoreTurns(long lastTurn) {
        turnCounter.set(lastTurn);
    }

    boolean ended() {
        return normalizer.isEnded();
    }

    /** Queues a message; returns the id of the turn it will open. */
    String post(String text, List<UserMessage.Attachment> attachments) {
        if (ended()) {
            throw SandboxException.invalid("session '" + id + "' has ended; create a new session");
        }
        String turnId = "turn_" + turnCounter.incrementAndGet();
        queue.add(new UserMessage(turnId, text, attachments));
        return turnId;
    }

    private void dispatchLoop() {
        try {
            while (true) {
                UserMessage next = queue.take();
                if (next == STOP) {
                    return;
                }
                idle.acquire();
                if (ended()) {
                    return;
                }
                normalizer.beginTurn(next);
                watchdog = TurnWatchdog.watch(id, next.turnId(), turnIdleTimeoutMs, normalizer, handle);
                try {
                    handle.sendMessage(next);
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "session " + id + ": agent did not take the message", e);
                    normalizer.turnFailed("the agent did not take the message: " + describe(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void turnEnded(String turnId) {
        log.writeMeta(SessionMeta.of(this).toJson()); // the usage, so that it survives a restart
        Thread w = watchdog;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt(); // its turn is over
        }
        idle.release();
    }

    @Override
    public void sessionEnded() {
        queue.add(STOP);
        idle.release();
    }

    void replyPermission(String permissionId, PermissionReply reply) {
        normalizer.answerPermission(permissionId, reply);
        deliver("permission reply", () -> handle.replyPermission(permissionId, reply));
    }

    void replyQuestion(String questionId, List<List<String>> answers) {
        normalizer.answerQuestion(questionId, answers);
        deliver("question reply", () -> handle.replyQuestion(questionId, answers));
    }

    void rejectQuestion(String questionId) {
        normalizer.answerQuestion(questionId, null);
        deliver("question rejection", () -> handle.rejectQuestion(questionId));
    }

    private interface AgentCall {
        void run() throws Exception;
    }

    /** Hands an answer (already recorded in the log) to the agent; a failure is logged as an error event too. */
    private void deliver(String what, AgentCall call) {
        try {
            call.run();
        } catch (Exception e) {
            SandboxException failure = agentFailure(what, e);
            normalizer.answerFailed(failure.detail());
            throw failure;
        }
    }

    void interrupt() {
        if (ended() || normalizer.openTurn() == null) {
            return;
        }
        normalizer.requestInterrupt();
        try {
            handle.interrupt();
        } catch (Exception e) {
            throw agentFailure("interrupt", e);
        }
    }

    /** Ends the agent (if still running) and records the end. Idempotent. */
    void terminate() {
        normalizer.terminating();
        AgentSession h = handle;
        if (h != null) {
            try {
                h.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "session " + id + ": closing the agent failed", e);
            }
        }
        normalizer.terminated();
    }

    SessionUsage usage() {
        return tally.snapshot(normalizer.updatedAt());
    }

    /** Usage a previous daemon stored for this session (before its first event here). */
    void restoreUsage(SessionUsage saved) {
        tally.restore(saved);
    }

    /** Live again after its end, or restored from a previous daemon (see {@link EngineObserver#sessionReopened}). */
    void reopened() {
        tally.reopened();
    }

    SessionInfo info() {
        return new SessionInfo(id, agent, agentMode, permissionMode, ended(), log.size(), createdAt,
                normalizer.updatedAt(), directory, config.mcp(), config.model(), normalizer.nativeSessionId(),
                config.skills(), config.title(), config.variant(), usage());
    }

    private static SandboxException agentFailure(String what, Exception e) {
        if (e instanceof SandboxException se) {
            return se;
        }
        return new SandboxException(ErrorType.STREAM_ERROR, "the agent failed to take the " + what + ": "
                + describe(e));
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
