package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.CreateSessionResponse;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.port.SessionIds;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.spi.SessionSkills;
import dev.sandboxagent.core.spi.UserMessage;
import dev.sandboxagent.core.store.EventStore;
import dev.sandboxagent.core.store.MemoryEventStore;
import dev.sandboxagent.core.store.RecoveredLog;
import dev.sandboxagent.core.store.SessionLogStore;
import dev.sandboxagent.core.store.StoreException;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The session engine: the application service behind {@link SessionService}. It validates
 * requests, starts agent sessions through their adapters, and routes messages, answers,
 * interrupts and terminations to them. Sessions live in a concurrent map; each one guards its
 * own state, so sessions never wait on each other.
 */
public final class SessionEngine implements SessionService {

    private final AgentCatalog agents;
    private final Path defaultDirectory;
    private final EventStore store;
    private final long defaultTurnIdleTimeoutMs;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final EngineObserver observer;
    private volatile boolean shutDown;

    /** An engine whose logs live in memory only ({@link MemoryEventStore}). */
    public SessionEngine(AgentCatalog agents, Path defaultDirectory) {
        this(agents, defaultDirectory, 0);
    }

    /** In memory too; {@code defaultTurnIdleTimeoutMs}: the turn watchdog's limit for sessions that set none (0: no watchdog). */
    public SessionEngine(AgentCatalog agents, Path defaultDirectory, long defaultTurnIdleTimeoutMs) {
        this(agents, defaultDirectory, defaultTurnIdleTimeoutMs, new MemoryEventStore(), EngineObserver.NONE);
    }

    /** Logs in {@code store} (closed by the caller after {@link #shutdown()}); what it does goes to {@code observer}. */
    public SessionEngine(AgentCatalog agents, Path defaultDirectory, long defaultTurnIdleTimeoutMs, EventStore store,
                         EngineObserver observer) {
        if (defaultTurnIdleTimeoutMs < 0) {
            throw new IllegalArgumentException("the turn idle timeout must be >= 0 ms");
        }
        this.agents = agents;
        this.defaultDirectory = defaultDirectory;
        this.defaultTurnIdleTimeoutMs = defaultTurnIdleTimeoutMs;
        this.store = store;
        this.observer = observer;
    }

    @Override
    public CreateSessionResponse createSession(String sessionId, CreateSessionRequest request) {
        SessionIds.validate(sessionId);
        if (request == null) {
            throw SandboxException.invalid("a JSON body with at least \"agent\" is required");
        }
        if (request.agent() == null || request.agent().isBlank()) {
            throw SandboxException.invalid("field 'agent' is required");
        }
        AgentAdapter adapter = agents.adapter(request.agent());
        String agentMode = SessionSettings.agentMode(adapter, request.agentMode());
        String permissionMode = SessionSettings.permissionMode(request.permissionMode());
        List<McpServer> mcp = McpServer.parse(request.mcp());
        List<SessionSkills.Source> skillSources = SessionSkills.parse(request.skills());
        Path directory = SessionSettings.directory(request.directory(), defaultDirectory);
        long turnIdleTimeoutMs = turnIdleTimeoutMs(request.turnIdleTimeoutMs());
        // before anything is installed: refuse config the agent cannot take
        List<SessionSkills.Skill> skills = SessionSkills.resolve(skillSources, directory);
        adapter.checkSessionConfig(mcp, skills);

        Session session = register(sessionId, adapter.id(), request, agentMode, permissionMode, directory,
                turnIdleTimeoutMs);
        try {
            session.attach(startAgent(adapter, session, request.nativeSessionId()));
            observer.sessionCreated(adapter.id());
            SessionLog.created(sessionId, adapter.id(), directory.toString());
        } catch (SandboxException e) {
            unregister(session);
            throw e;
        } catch (Exception e) {
            unregister(session);
            throw new SandboxException(ErrorType.AGENT_PROCESS_EXITED,
                    "starting " + adapter.id() + " failed: " + (e.getMessage() != null ? e.getMessage() : e), e);
        }
        return new CreateSessionResponse(true, session.normalizer.nativeSessionId(), null);
    }

    /** Starts the agent process of a session (new, or continued with the agent's native resume). */
    private AgentSession startAgent(AgentAdapter adapter, Session session, String resumeNativeSessionId)
            throws Exception {
        CreateSessionRequest request = session.config;
        Path directory = Path.of(session.directory);
        Path binary = agents.ensureInstalled(adapter, request.agentVersion());
        AgentSessionSpec spec = AgentSessionSpec.builder(session.id, directory).agentMode(session.agentMode)
                .permissionMode(session.permissionMode).model(request.model()).variant(request.variant())
                .environment(agents.environment()).mcpServers(McpServer.parse(request.mcp()))
                .skills(SessionSkills.resolve(SessionSkills.parse(request.skills()), directory))
                .title(request.title()).binary(binary).agentVersion(request.agentVersion())
                .resume(resumeNativeSessionId).build();
        if (!adapter.capabilities().sessionLifecycle()) {
            session.normalizer.sessionCreated();
        }
        return adapter.start(spec, session.normalizer);
    }

    /**
     * Brings back the sessions a previous daemon left in the store: listed as ended, their logs
     * served from the store; one that was still running gets a final {@code session.ended}
     * (reason error) saying that the daemon stopped. A message posted to one of them continues
     * it in a new agent process (see {@link #postMessage}). Returns how many were restored.
     */
    public int restoreSessions() {
        int restored = 0;
        for (RecoveredLog found : store.recover()) {
            try {
                SessionMeta meta = SessionMeta.fromJson(found.meta());
                Session s = new Session(found.sessionId(), meta.agent(), meta.request(), meta.agentMode(),
                        meta.permissionMode(), meta.directory(), turnIdleTimeoutMs(meta.request().turnIdleTimeoutMs()),
                        new EventLog(found.log(), store.tailEvents()), meta.createdAt(), observer);
                if (meta.usage() != null) {
                    s.restoreUsage(meta.usage());
                }
                SessionRestore.restore(s, found.damage());
                if (sessions.putIfAbsent(s.id, s) == null) {
                    restored++;
                }
            } catch (RuntimeException e) {
                System.getLogger(SessionEngine.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot restore session " + found.sessionId() + " (its files stay): " + e);
            }
        }
        return restored;
    }

    /**
     * A message to an ended session continues it, whether it ended in this run (terminated, its
     * agent exited) or when a previous daemon stopped: a new agent process resumes the agent's
     * own conversation (its native session id); the log goes on with the same sequence numbers,
     * and live followers see the new events on their streams.
     */
    private void continueIfEnded(Session s) {
        synchronized (s) {
            if (!s.ended()) {
                return;
            }
            if (shutDown) {
                throw SandboxException.invalid("session '" + s.id + "' has ended and the daemon is stopping");
            }
            try {
                s.stopDispatcher();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException(ErrorType.STREAM_ERROR, "interrupted while continuing the session", e);
            }
            SessionRestore.reopen(s);
            try {
                s.reattach(startAgent(agents.adapter(s.agent), s, s.normalizer.nativeSessionId()));
            } catch (Exception e) {
                s.normalizer.terminated();
                throw e instanceof SandboxException se ? se : new SandboxException(ErrorType.AGENT_PROCESS_EXITED,
                        "continuing the session with " + s.agent + " failed: "
                        + (e.getMessage() != null ? e.getMessage() : e), e);
            }
        }
    }

    /**
     * Registers a new session and starts its stored log. Serialised, so that a create racing
     * another one of the same id never replaces the stored log of the session that won.
     */
    private synchronized Session register(String sessionId, String agent, CreateSessionRequest request,
                                          String agentMode, String permissionMode, Path directory,
                                          long turnIdleTimeoutMs) {
        if (sessions.containsKey(sessionId)) {
            throw new SandboxException(ErrorType.SESSION_ALREADY_EXISTS, "a session with id '" + sessionId
                    + "' already exists");
        }
        SessionLogStore stored;
        try {
            stored = store.create(sessionId);
        } catch (StoreException e) {
            throw new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.UNAVAILABLE, "cannot store the session's events: " + e.getMessage(), e);
        }
        Session session = new Session(sessionId, agent, request, agentMode, permissionMode, directory.toString(),
                turnIdleTimeoutMs, new EventLog(stored, store.tailEvents()), System.currentTimeMillis(), observer);
        try {
            stored.writeMeta(SessionMeta.of(session).toJson());
        } catch (StoreException e) {
            deleteStored(sessionId);
            throw new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.UNAVAILABLE, "cannot store the session: " + e.getMessage(), e);
        }
        sessions.put(sessionId, session);
        return session;
    }

    private void unregister(Session session) {
        sessions.remove(session.id, session);
        deleteStored(session.id);
    }

    private void deleteStored(String sessionId) {
        try {
            store.delete(sessionId);
        } catch (StoreException e) {
            System.getLogger(SessionEngine.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    private long turnIdleTimeoutMs(Long requested) {
        if (requested == null) {
            return defaultTurnIdleTimeoutMs;
        }
        if (requested < 0) {
            throw SandboxException.invalid("turnIdleTimeoutMs must be >= 0 (0 turns the watchdog off)");
        }
        return requested;
    }

    @Override
    public List<SessionInfo> listSessions() {
        return sessions.values().stream().sorted(Comparator.comparingLong((Session s) -> s.createdAt)
                .thenComparing(s -> s.id)).map(Session::info).toList();
    }

    @Override
    public SessionInfo getSession(String sessionId) {
        return session(sessionId).info();
    }

    @Override
    public String postMessage(String sessionId, MessageRequest message) {
        Session s = session(sessionId);
        String text = MessageInputs.text(message);
        List<UserMessage.Attachment> attachments = MessageInputs.attachments(message, s.directory);
        continueIfEnded(s);
        return s.post(text, attachments);
    }

    @Override
    public LogStream postMessageAndFollowTurn(String sessionId, MessageRequest message) {
        Session s = session(sessionId);
        String text = MessageInputs.text(message);
        List<UserMessage.Attachment> attachments = MessageInputs.attachments(message, s.directory);
        continueIfEnded(s);
        long from = s.log.size(); // the turn cannot start before this point
        String turnId = s.post(text, attachments);
        return new LogStream(s.log, from, turnId);
    }

    @Override
    public LogPage events(String sessionId, long offset, int limit) {
        if (offset < 0) {
            throw SandboxException.invalid("offset must be >= 0");
        }
        if (limit < 0) {
            throw SandboxException.invalid("limit must be >= 0");
        }
        Session s = session(sessionId);
        var events = s.log.read(offset, limit);
        long last = events.isEmpty() ? offset : events.getLast().sequence();
        return new LogPage(events, s.log.size() > last);
    }

    @Override
    public LogStream follow(String sessionId, long offset, FollowMode mode) {
        if (offset < 0) {
            throw SandboxException.invalid("offset must be >= 0");
        }
        return new LogStream(session(sessionId).log, offset, mode == null ? FollowMode.UNTIL_END : mode);
    }

    @Override
    public LogStream follow(String sessionId, long offset) {
        return follow(sessionId, offset, FollowMode.UNTIL_END);
    }

    @Override
    public void replyPermission(String sessionId, String permissionId, PermissionReply reply) {
        if (reply == null) {
            throw SandboxException.invalid("field 'reply' is required: once, always or reject");
        }
        session(sessionId).replyPermission(permissionId, reply);
    }

    @Override
    public void replyQuestion(String sessionId, String questionId, List<List<String>> answers) {
        if (answers == null || answers.stream().anyMatch(a -> a == null || a.stream().anyMatch(x -> x == null))) {
            throw SandboxException.invalid("field 'answers' is required: an array of arrays of strings");
        }
        session(sessionId).replyQuestion(questionId, answers);
    }

    @Override
    public void rejectQuestion(String sessionId, String questionId) {
        session(sessionId).rejectQuestion(questionId);
    }

    @Override
    public void interrupt(String sessionId) {
        session(sessionId).interrupt();
    }

    @Override
    public void terminate(String sessionId) {
        session(sessionId).terminate();
    }

    @Override
    public void deleteSession(String sessionId) {
        Session s = session(sessionId);
        s.terminate();
        if (sessions.remove(sessionId, s)) {
            s.log.retire();
            deleteStored(sessionId);
            SessionLog.deleted(sessionId, s.agent);
        }
    }

    /**
     * Deletes the ended sessions that {@code policy} does not keep, oldest first, with their
     * stored logs (never a running one); returns their ids.
     */
    public List<String> prune(Retention policy) {
        return SessionPruner.prune(sessions, store, policy, this::deleteStored);
    }

    @Override
    public String storageProblem() {
        return store.problem();
    }

    @Override
    public void shutdown() {
        shutDown = true;
        sessions.values().parallelStream().forEach(Session::terminate);
        sessions.values().forEach(s -> s.log.retire()); // live followers end with the engine
        agents.adapters().forEach(a -> {
            try {
                a.shutdown();
            } catch (RuntimeException ignored) {
                // shutting down anyway
            }
        });
    }

    private Session session(String sessionId) {
        Session s = sessionId == null ? null : sessions.get(sessionId);
        if (s == null) {
            throw SandboxException.sessionNotFound(sessionId);
        }
        return s;
    }
}
