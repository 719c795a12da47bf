package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.MimeTypes;
import dev.sandboxagent.core.files.PathRules;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.CreateSessionResponse;
import dev.sandboxagent.core.port.EngineObserver;
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

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
    private final long defaultTurnIdleTimeoutMs;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final EngineObserver observer;

    public SessionEngine(AgentCatalog agents, Path defaultDirectory) {
        this(agents, defaultDirectory, 0);
    }

    /**
     * @param defaultTurnIdleTimeoutMs the turn watchdog's limit for sessions that do not set
     *                                 {@code turnIdleTimeoutMs}; 0 for no watchdog
     */
    public SessionEngine(AgentCatalog agents, Path defaultDirectory, long defaultTurnIdleTimeoutMs) {
        this(agents, defaultDirectory, defaultTurnIdleTimeoutMs, EngineObserver.NONE);
    }

    /** Like {@link #SessionEngine(AgentCatalog, Path, long)}, reporting what it does to {@code observer}. */
    public SessionEngine(AgentCatalog agents, Path defaultDirectory, long defaultTurnIdleTimeoutMs,
                         EngineObserver observer) {
        if (defaultTurnIdleTimeoutMs < 0) {
            throw new IllegalArgumentException("the turn idle timeout must be >= 0 ms");
        }
        this.agents = agents;
        this.defaultDirectory = defaultDirectory;
        this.defaultTurnIdleTimeoutMs = defaultTurnIdleTimeoutMs;
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
        Path directory = directory(request.directory());
        long turnIdleTimeoutMs = turnIdleTimeoutMs(request.turnIdleTimeoutMs());
        // before anything is installed: refuse config the agent cannot take
        List<SessionSkills.Skill> skills = SessionSkills.resolve(skillSources, directory);
        adapter.checkSessionConfig(mcp, skills);

        Session session = new Session(sessionId, adapter.id(), request, agentMode, permissionMode, directory.toString(),
                turnIdleTimeoutMs, observer);
        if (sessions.putIfAbsent(sessionId, session) != null) {
            throw new SandboxException(ErrorType.SESSION_ALREADY_EXISTS, "a session with id '" + sessionId
                    + "' already exists");
        }
        try {
            Path binary = agents.ensureInstalled(adapter, request.agentVersion());
            AgentSessionSpec spec = AgentSessionSpec.builder(sessionId, directory).agentMode(agentMode)
                    .permissionMode(permissionMode).model(request.model()).variant(request.variant())
                    .environment(agents.environment()).mcpServers(mcp).skills(skills).title(request.title())
                    .binary(binary).agentVersion(request.agentVersion()).resume(request.nativeSessionId()).build();
            if (!adapter.capabilities().sessionLifecycle()) {
                session.normalizer.sessionCreated();
            }
            AgentSession handle = adapter.start(spec, session.normalizer);
            session.attach(handle);
            observer.sessionCreated(adapter.id());
            SessionLog.created(sessionId, adapter.id(), directory.toString());
        } catch (SandboxException e) {
            sessions.remove(sessionId, session);
            throw e;
        } catch (Exception e) {
            sessions.remove(sessionId, session);
            throw new SandboxException(ErrorType.AGENT_PROCESS_EXITED, ErrorType.AGENT_PROCESS_EXITED.status(),
                    "starting " + adapter.id() + " failed: " + (e.getMessage() != null ? e.getMessage() : e), e);
        }
        return new CreateSessionResponse(true, session.normalizer.nativeSessionId(), null);
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

    private Path directory(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultDirectory;
        }
        Path p;
        try {
            p = Path.of(requested);
        } catch (InvalidPathException e) {
            throw SandboxException.invalid("directory '" + requested + "' is not a valid path");
        }
        if (!p.isAbsolute()) {
            p = defaultDirectory.resolve(p).normalize();
        }
        if (!Files.isDirectory(p)) {
            throw SandboxException.invalid("directory '" + requested + "' does not exist or is not a directory");
        }
        return p;
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
        return s.post(messageText(message), attachments(message, s));
    }

    @Override
    public LogStream postMessageAndFollowTurn(String sessionId, MessageRequest message) {
        Session s = session(sessionId);
        String text = messageText(message);
        long from = s.log.size(); // the turn cannot start before this point
        String turnId = s.post(text, attachments(message, s));
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
    public LogStream follow(String sessionId, long offset) {
        if (offset < 0) {
            throw SandboxException.invalid("offset must be >= 0");
        }
        return new LogStream(session(sessionId).log, offset, null);
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
        sessions.remove(sessionId, s);
        SessionLog.deleted(sessionId, s.agent);
    }

    @Override
    public void shutdown() {
        sessions.values().parallelStream().forEach(Session::terminate);
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

    private static String messageText(MessageRequest message) {
        if (message == null || message.message() == null) {
            throw SandboxException.invalid("field 'message' is required");
        }
        return message.message();
    }

    /**
     * The message's attachments as the adapters get them: the path absolute (a relative one
     * resolves against the session's directory, by the same {@link PathRules} as the fs routes),
     * the file present, and the MIME type guessed from the extension when the client sent none.
     */
    private static List<UserMessage.Attachment> attachments(MessageRequest message, Session s) {
        if (message.attachments() == null) {
            return List.of();
        }
        Path base = Path.of(s.directory);
        return message.attachments().stream().map(a -> {
            if (a == null || a.path() == null || a.path().isBlank()) {
                throw SandboxException.invalid("every attachment needs a 'path'");
            }
            Path path = PathRules.resolve(a.path(), base, "attachment path");
            if (!Files.exists(path)) {
                throw SandboxException.invalid("attachment '" + a.path() + "' does not exist (resolved to " + path
                        + "); upload it first, e.g. with PUT /v1/fs/file");
            }
            String mime = a.mime() != null && !a.mime().isBlank() ? a.mime()
                    : Files.isDirectory(path) ? null : MimeTypes.of(path);
            return new UserMessage.Attachment(path.toString(), mime, a.filename());
        }).toList();
    }
}
