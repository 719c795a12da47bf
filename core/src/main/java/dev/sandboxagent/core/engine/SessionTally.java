package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.LogContext;
import dev.sandboxagent.core.port.SessionUsage;
import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.TurnPhase;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.spi.TurnUsage;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One session's running totals (turns, usage, turn wall time) and the observations the engine
 * reports about it, derived from the events the {@link Normalizer} appends. The normaliser calls
 * it under its own monitor; its own (uncontended) monitor lets the session read a snapshot.
 */
final class SessionTally {

    private static final System.Logger LOG = System.getLogger(SessionTally.class.getName());

    private final String agent;
    private final LogContext context;
    private final EngineObserver observer;
    private long turns;
    private TurnUsage usage = TurnUsage.NONE;
    private long turnWallNanos;
    private long turnStartedAt = -1;
    // "p:" / "q:" + id -> System.nanoTime() of the request, for the time to answer
    private final Map<String, Long> openRequests = new HashMap<>();

    SessionTally(String sessionId, String agent, EngineObserver observer) {
        this.agent = agent;
        this.context = new LogContext(sessionId, agent, null);
        this.observer = observer;
    }

    private void turnStarted(String turnId) {
        LOG.log(Level.DEBUG, "session {0}: turn {1} started", context.withTurn(turnId), turnId);
        turnStartedAt = System.nanoTime();
        observer.turnStarted(agent);
    }

    synchronized void turnEnded(String turnId, String outcome, TurnUsage reported) {
        Duration took = Duration.ofNanos(turnStartedAt < 0 ? 0 : System.nanoTime() - turnStartedAt);
        turnStartedAt = -1;
        turns++;
        turnWallNanos += took.toNanos();
        usage = usage.plus(reported);
        observer.turnEnded(agent, outcome, took, reported);
        LOG.log(Level.DEBUG, "session {0}: turn {1} ended ({2}) after {3} ms; tokens in {4}, out {5}, cached {6}",
                context.withTurn(turnId), turnId, outcome, took.toMillis(), reported.inputTokens(),
                reported.outputTokens(), reported.cachedTokens());
    }

    /** Every appended event: counted, and requests and the session's end observed. */
    synchronized void appended(UniversalEventType type, EventData data) {
        observer.eventAppended(agent, type.wire());
        switch (data) {
            case PermissionEventData p -> request("permission", "p:" + p.permissionId(),
                    p.status() == PermissionStatus.REQUESTED, p.status().wire());
            case QuestionEventData q -> request("question", "q:" + q.questionId(),
                    q.status() == QuestionStatus.REQUESTED, q.status().wire());
            case TurnEventData t when t.phase() == TurnPhase.STARTED -> turnStarted(t.turnId());
            case SessionEndedData e -> {
                SessionLog.ended(context, e);
                observer.sessionEnded(agent, e.reason().wire());
                if (e.terminatedBy() == TerminatedBy.AGENT) {
                    observer.agentExited(agent, e.exitCode(), e.reason() == SessionEndReason.COMPLETED);
                }
            }
            default -> {
            }
        }
    }

    private void request(String kind, String key, boolean opened, String reply) {
        if (opened) {
            openRequests.put(key, System.nanoTime());
            observer.requestOpened(agent, kind);
            return;
        }
        Long at = openRequests.remove(key);
        if (at != null) {
            observer.requestResolved(agent, kind, reply, Duration.ofNanos(System.nanoTime() - at));
        }
    }

    /**
     * A previous daemon's totals, read back with the session's stored metadata, so that usage
     * survives a restart. Called before the session's first event in this process.
     */
    synchronized void restore(SessionUsage saved) {
        turns = saved.turns();
        usage = new TurnUsage(saved.inputTokens(), saved.outputTokens(), saved.cachedTokens(), saved.costUsd());
        turnWallNanos = Duration.ofMillis(saved.turnWallMs()).toNanos();
    }

    /** A session a previous daemon created is live here again (restored while running, or continued). */
    void reopened() {
        observer.sessionReopened(agent);
        SessionLog.reopened(context);
    }

    synchronized SessionUsage snapshot(long lastActivityAt) {
        return new SessionUsage(turns, usage.inputTokens(), usage.outputTokens(), usage.cachedTokens(),
                usage.costUsd(), Duration.ofNanos(turnWallNanos).toMillis(), lastActivityAt);
    }
}
