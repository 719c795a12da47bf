package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.schema.PermissionReply;

import java.util.List;

/**
 * A running agent session, as an adapter drives it. The engine calls these from its own
 * threads, never concurrently for one session except {@link #interrupt()} and
 * {@link #close()}, which may arrive while a turn runs. Results come back through the
 * {@link AgentEventSink} the adapter was started with.
 */
public interface AgentSession {

    /**
     * Starts a turn with the user's message. Returns once the message is handed to the agent;
     * the adapter then reports the turn's events and, last, {@link AgentEventSink#turnEnded}.
     */
    void sendMessage(UserMessage message) throws Exception;

    /** Answers the pending permission request {@code permissionId}. */
    void replyPermission(String permissionId, PermissionReply reply) throws Exception;

    /** Answers the pending question {@code questionId}: one list of chosen answers per question asked. */
    void replyQuestion(String questionId, List<List<String>> answers) throws Exception;

    /** Declines to answer the pending question {@code questionId}. */
    void rejectQuestion(String questionId) throws Exception;

    /** Ends the running turn if there is one; the session stays usable. */
    void interrupt() throws Exception;

    /** Ends the agent session and every process it started. Idempotent. */
    void close();
}
