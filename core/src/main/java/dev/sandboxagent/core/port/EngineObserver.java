package dev.sandboxagent.core.port;

import dev.sandboxagent.core.spi.TurnUsage;

import java.time.Duration;

/**
 * What the engine reports about its work, for metrics (an outbound port: core says what
 * happened, the daemon decides how to count it). Labels are bounded on purpose: agent ids,
 * outcomes and wire names, never a session id. Called on the engine's threads, some while a
 * session's monitor is held: implementations must be quick and must not block or throw.
 */
public interface EngineObserver {

    /** Observes nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    default void sessionCreated(String agent) {
    }

    /**
     * A session is live again: restored from the store while it was still running (it then ends
     * at once), or continued by a new message after it ended (in this run or a previous one). Counted
     * apart from {@link #sessionCreated}, so that created + reopened - ended = active.
     */
    default void sessionReopened(String agent) {
    }

    /** {@code reason} is the wire name of the session end reason (completed, error, terminated). */
    default void sessionEnded(String agent, String reason) {
    }

    default void turnStarted(String agent) {
    }

    /**
     * A turn closed: {@code outcome} is completed, interrupted or aborted (closed by the daemon,
     * e.g. the agent did not take the message or the session ended mid-turn).
     */
    default void turnEnded(String agent, String outcome, Duration duration, TurnUsage usage) {
    }

    /** An event of this wire type was appended to a session's log. */
    default void eventAppended(String agent, String type) {
    }

    /** {@code kind} is permission or question. */
    default void requestOpened(String agent, String kind) {
    }

    /** {@code reply} is the resolution's wire status (accept, reject, answered, ...). */
    default void requestResolved(String agent, String kind, String reply, Duration waited) {
    }

    /** The agent's process ended on its own, not asked to; {@code exitCode} null when unknown. */
    default void agentExited(String agent, Integer exitCode, boolean clean) {
    }

    /** An install of the agent ran: {@code result} is installed or failed. */
    default void installFinished(String agent, String result) {
    }
}
