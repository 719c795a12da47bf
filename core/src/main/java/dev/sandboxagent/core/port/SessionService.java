package dev.sandboxagent.core.port;

import dev.sandboxagent.core.schema.PermissionReply;

import java.util.List;

/**
 * The inbound port for sessions: what the HTTP API and embedding programs call. Every method
 * is thread-safe; sessions are independent of each other. Failures are
 * {@link dev.sandboxagent.core.error.SandboxException}s typed with the contract's error types.
 */
public interface SessionService {

    CreateSessionResponse createSession(String sessionId, CreateSessionRequest request);

    List<SessionInfo> listSessions();

    SessionInfo getSession(String sessionId);

    /**
     * Queues the message; it becomes a turn as soon as no other turn runs. Returns the id of
     * the turn it will open. A message to a session that has ended continues it: a new agent
     * process resumes the agent's conversation (its native session id), the log goes on.
     */
    String postMessage(String sessionId, MessageRequest message);

    /** Posts the message and returns a stream of exactly that turn's events. */
    EventStream postMessageAndFollowTurn(String sessionId, MessageRequest message);

    /** Events with sequence > {@code offset}, at most {@code limit}. */
    EventsPage events(String sessionId, long offset, int limit);

    /**
     * Every event with sequence > {@code offset}, then live ones as they come; {@code mode} says
     * whether the stream finishes when the session has ended ({@link FollowMode#UNTIL_END}) or
     * stays open for a continuation of the session ({@link FollowMode#LIVE}).
     */
    EventStream follow(String sessionId, long offset, FollowMode mode);

    /**
     * {@link #follow(String, long, FollowMode)} until the session ends: a stream (and its
     * {@link EventStream#stream()}) that finishes, which is what most Java callers want.
     */
    default EventStream follow(String sessionId, long offset) {
        return follow(sessionId, offset, FollowMode.UNTIL_END);
    }

    void replyPermission(String sessionId, String permissionId, PermissionReply reply);

    void replyQuestion(String sessionId, String questionId, List<List<String>> answers);

    void rejectQuestion(String sessionId, String questionId);

    /** Ends the running turn, if any; the session stays usable. */
    void interrupt(String sessionId);

    /** Ends the agent; the session and its events stay readable, and a new message continues it. */
    void terminate(String sessionId);

    /** Terminates the session if needed and forgets it, freeing its event log. */
    void deleteSession(String sessionId);

    /**
     * Why sessions' events cannot be stored right now (disk full, unwritable data directory), or
     * null while storage works (and for a service that stores nothing); {@code GET /v1/health}
     * reports it.
     */
    default String storageProblem() {
        return null;
    }

    /** Terminates every session (daemon shutdown). */
    void shutdown();
}
