package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.AgentUnparsedData;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.SessionStartedData;
import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.TurnPhase;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonValue;

import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * The one place that turns what adapters and the engine report into log events and enforces the
 * schema's invariants: sequence from 1 without gaps; event ids and times; {@code source} and
 * {@code synthetic}; native session id stamping; {@code session.started} first and
 * {@code session.ended} last, once each; turns that open and close once; {@code item.started}
 * before any delta or completion of an item (synthesised when missing); a single synthetic delta
 * for a message that arrived whole; open items closed when their turn ends; each permission and
 * question resolved exactly once. Adapters call it through {@link AgentEventSink}; every method
 * holds the normaliser's monitor, so events are appended in one total order.
 */
public final class Normalizer implements AgentEventSink {

    /** What the engine needs to hear about. Called while the monitor is held: do not block. */
    interface Listener {
        void turnEnded(String turnId);

        void sessionEnded();
    }

    private final String sessionId;
    private final EventLog log;
    private final Listener listener;

    boolean started; // also set by SessionRestore, under this monitor
    boolean ended;
    boolean terminating;
    String nativeSessionId;
    String turnId;
    private boolean interruptRequested;
    private final OpenItems openItems = new OpenItems();
    private final ItemIds itemIds = new ItemIds();
    private final EventStamper stamper;
    private final PendingRequests pending = new PendingRequests();
    private final SessionTally tally;

    Normalizer(String sessionId, EventLog log, Listener listener, SessionTally tally) {
        this.sessionId = sessionId;
        this.log = log;
        this.listener = listener;
        this.tally = tally;
        this.stamper = new EventStamper(sessionId, log, tally);
    }

    // ---- read-only views, then the engine side -------------------------------------------
    synchronized String nativeSessionId() {
        return nativeSessionId;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized long updatedAt() {
        return stamper.updatedAt();
    }

    /** A synthetic session.started, for agents that do not announce their session. */
    synchronized void sessionCreated() {
        ensureSessionStarted();
    }

    /** Opens turn {@code id} with the user's message as its first item. */
    synchronized void beginTurn(UserMessage message) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        abandonTurn(turnId); // a turn still open here was never ended by the agent
        turnId = message.turnId();
        interruptRequested = false;
        emitDaemon(UniversalEventType.TURN_STARTED, new TurnEventData(TurnPhase.STARTED, turnId, null));
        UniversalItem user = EventContent.userItem(itemIds.next(null), message);
        emitDaemon(UniversalEventType.ITEM_STARTED, new ItemEventData(user));
        emitDaemon(UniversalEventType.ITEM_COMPLETED, new ItemEventData(user.withStatus(ItemStatus.COMPLETED)));
    }

    /** The open turn's id, or null: core's one record of it, which adapters read too. */
    @Override
    public synchronized String openTurn() {
        return turnId;
    }

    @Override
    public synchronized boolean interruptRequested() {
        return turnId != null && interruptRequested;
    }

    /** Since when ({@link System#nanoTime()}) the agent is silent: the last event, or now while a human's answer is awaited. */
    synchronized long silentSince() {
        return pending.hasOpen() ? System.nanoTime() : stamper.lastAppendNanos();
    }

    /** The watchdog gives up on {@code turn}: logs why (code timeout); false when that turn is over already. */
    synchronized boolean turnTimedOut(String turn, String message, JsonValue details) {
        if (ended || !turn.equals(turnId)) {
            return false;
        }
        interruptRequested = true;
        emitDaemon(UniversalEventType.ERROR, new ErrorData(message, "timeout", details));
        return true;
    }

    /** Ends {@code turn} if it is still open: the agent did not end it (after an interrupt, a failed send). */
    synchronized void abandonTurn(String turn) {
        if (!ended && turn != null && turn.equals(turnId)) {
            closeTurn(TurnUsage.NONE, null, null, true);
        }
    }

    /** The adapter failed to take the message: report it and end the turn. */
    synchronized void turnFailed(String message) {
        if (!ended) {
            emitDaemon(UniversalEventType.ERROR, new ErrorData(message, "send_failed", null));
            abandonTurn(turnId);
        }
    }

    synchronized void requestInterrupt() {
        interruptRequested = true;
    }

    /**
     * Records the human's answer to a permission request: 404 when unknown, 409 when already
     * answered, else {@code permission.resolved} is emitted before the agent hears the answer,
     * so the log shows the answer ahead of what it causes.
     */
    synchronized void answerPermission(String permissionId, PermissionReply reply) {
        emitDaemon(UniversalEventType.PERMISSION_RESOLVED, pending.answer(permissionId, reply));
    }

    /** Like {@link #answerPermission}; {@code answers} null means the question was rejected. */
    synchronized void answerQuestion(String questionId, List<List<String>> answers) {
        emitDaemon(UniversalEventType.QUESTION_RESOLVED, pending.answer(questionId, answers));
    }

    /** The agent could not take an answer the human gave. */
    synchronized void answerFailed(String message) {
        if (!ended) {
            emitDaemon(UniversalEventType.ERROR, new ErrorData(message, "answer_failed", null));
        }
    }

    /** From now on the agent's own exit is expected and not reported as an error. */
    synchronized void terminating() {
        terminating = true;
    }

    /** The daemon ended the session (terminate, delete, shutdown). */
    synchronized void terminated() {
        if (ended) {
            return;
        }
        endSession(new SessionEndedData(SessionEndReason.TERMINATED, TerminatedBy.DAEMON, null, null, null));
    }

    // ---- adapter side (AgentEventSink) ---------------------------------------------------

    @Override
    public synchronized void sessionStarted(String nativeId, JsonValue metadata, JsonValue raw) {
        if (ended) {
            return;
        }
        if (nativeId != null) {
            nativeSessionId = nativeId;
        }
        if (!started) {
            started = true;
            emitAgent(UniversalEventType.SESSION_STARTED, new SessionStartedData(metadata), raw);
        }
        // A second announcement (e.g. after a synthetic one) only updates the native id.
    }

    @Override
    public synchronized void itemStarted(AgentItem item, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        String key = item.nativeId();
        if (openItems.isOpen(key)) {
            return; // already started (possibly synthesised from an earlier delta)
        }
        UniversalItem assigned = itemIds.assign(item, itemIds.next(key)).withStatus(ItemStatus.IN_PROGRESS);
        openItems.open(assigned);
        emitAgent(UniversalEventType.ITEM_STARTED, new ItemEventData(assigned), raw);
    }

    @Override
    public synchronized void itemDelta(String nativeItemId, String delta, JsonValue raw) {
        if (ended || delta == null) {
            return;
        }
        ensureSessionStarted();
        OpenItems.OpenItem open = openItems.get(nativeItemId);
        if (open == null) {
            open = startSynthetic(AgentItem.messageStarted(nativeItemId, ItemRole.ASSISTANT)); // a guess
        }
        open.append(delta);
        emitAgent(UniversalEventType.ITEM_DELTA, new ItemDeltaData(open.item.itemId(), nativeItemId, delta), raw);
    }

    @Override
    public synchronized void itemCompleted(AgentItem item, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        String key = item.nativeId();
        OpenItems.OpenItem open = openItems.remove(key);
        if (open == null) {
            open = startSynthetic(item.withContent(List.of()));
            openItems.remove(key); // it completes right here
        }
        String text = item.text();
        if (!open.hadDeltas() && !text.isEmpty()) {
            emitDaemon(UniversalEventType.ITEM_DELTA, new ItemDeltaData(open.item.itemId(), key, text));
        }
        UniversalItem done = itemIds.assign(item, open.item.itemId());
        if (done.status() == ItemStatus.IN_PROGRESS) {
            done = done.withStatus(ItemStatus.COMPLETED);
        }
        emitAgent(UniversalEventType.ITEM_COMPLETED, new ItemEventData(done), raw);
    }

    @Override
    public synchronized void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw) {
        request(UniversalEventType.PERMISSION_REQUESTED,
                new PermissionEventData(permissionId, action, PermissionStatus.REQUESTED, metadata), raw);
    }

    @Override
    public synchronized void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        request(UniversalEventType.QUESTION_REQUESTED,
                new QuestionEventData(questionId, prompt, options, QuestionStatus.REQUESTED, null), raw);
    }

    @Override
    public synchronized void questionsRequested(String questionId, List<QuestionEventData.SubQuestion> questions,
                                                JsonValue raw) {
        request(UniversalEventType.QUESTION_REQUESTED, QuestionEventData.requested(questionId, questions), raw);
    }

    /** A permission request or question: open until answered, withdrawn or its turn ends. */
    private void request(UniversalEventType type, EventData data, JsonValue raw) {
        if (!ended) {
            ensureSessionStarted();
            pending.requested(data);
            emitAgent(type, data, raw);
        }
    }

    @Override
    public synchronized void requestWithdrawn(String requestId, String reason, JsonValue raw) {
        EventData resolution = ended ? null : pending.withdraw(requestId, reason);
        if (resolution != null) {
            emitAgent(PendingRequests.resolvedType(resolution), resolution, raw);
        }
    }

    @Override
    public synchronized void error(String message, String code, JsonValue details, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        emitAgent(UniversalEventType.ERROR, new ErrorData(message, code, details), raw);
    }

    @Override
    public synchronized void unparsed(String error, String location, String rawText) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        String text = rawText == null ? "" : rawText;
        emitAgent(UniversalEventType.AGENT_UNPARSED, new AgentUnparsedData(error, location, EventContent.sha256(text)),
                JSON.createValue(text));
    }

    @Override
    public synchronized void turnEnded(TurnUsage usage, JsonValue metadata, JsonValue raw) {
        if (ended || turnId == null) {
            return; // no turn is open: a repeated end (or one after an interrupt or failed send) is ignored
        }
        closeTurn(usage == null ? TurnUsage.NONE : usage, metadata, raw, false);
    }

    @Override
    public synchronized void turnEnded(String turn, TurnUsage usage, JsonValue metadata, JsonValue raw) {
        if (turn != null && turn.equals(turnId)) {
            turnEnded(usage, metadata, raw); // checked and ended under one monitor: no turn begins in between
        }
    }

    @Override
    public synchronized void agentExited(Integer exitCode, String message, StderrOutput stderr) {
        if (ended || terminating) {
            return;
        }
        boolean clean = exitCode != null && exitCode == 0 && message == null;
        endSession(new SessionEndedData(clean ? SessionEndReason.COMPLETED : SessionEndReason.ERROR,
                TerminatedBy.AGENT, exitCode,
                clean ? null : (message != null ? message : "agent process exited with code " + exitCode), stderr));
    }

    // ---- internals -----------------------------------------------------------------------

    private void ensureSessionStarted() {
        if (!started) {
            started = true;
            emitDaemon(UniversalEventType.SESSION_STARTED, new SessionStartedData(null));
        }
    }

    private OpenItems.OpenItem startSynthetic(AgentItem item) {
        UniversalItem assigned = itemIds.assign(item, itemIds.next(item.nativeId())).withStatus(ItemStatus.IN_PROGRESS);
        OpenItems.OpenItem open = openItems.open(assigned);
        emitDaemon(UniversalEventType.ITEM_STARTED, new ItemEventData(assigned));
        return open;
    }

    private void closeTurn(TurnUsage usage, JsonValue metadata, JsonValue raw, boolean synthetic) {
        // Items the agent left open are closed: failed when the turn was cut short.
        ItemStatus leftover = interruptRequested || synthetic ? ItemStatus.FAILED : ItemStatus.COMPLETED;
        for (UniversalItem item : openItems.closeAll(leftover)) {
            emitDaemon(UniversalEventType.ITEM_COMPLETED, new ItemEventData(item));
        }
        // Requests nobody can answer any more are closed as rejected.
        for (EventData resolution : pending.closeAll()) {
            emitDaemon(PendingRequests.resolvedType(resolution), resolution);
        }
        String ended = turnId;
        tally.turnEnded(turnId, synthetic ? "aborted" : interruptRequested ? "interrupted" : "completed", usage);
        TurnEventData data = new TurnEventData(TurnPhase.ENDED, ended, metadata);
        if (synthetic) {
            emitDaemon(UniversalEventType.TURN_ENDED, data);
        } else {
            emitAgent(UniversalEventType.TURN_ENDED, data, raw);
        }
        turnId = null;
        interruptRequested = false;
        listener.turnEnded(ended);
    }

    void endSession(SessionEndedData data) {
        ensureSessionStarted();
        abandonTurn(turnId);
        ended = true;
        emit(UniversalEventType.SESSION_ENDED, data, null,
                data.terminatedBy() == TerminatedBy.DAEMON ? EventSource.DAEMON : EventSource.AGENT);
        log.close();
        listener.sessionEnded();
    }

    private void emitAgent(UniversalEventType type, EventData data, JsonValue raw) {
        emit(type, data, raw, EventSource.AGENT);
    }

    void emitDaemon(UniversalEventType type, EventData data) {
        emit(type, data, null, EventSource.DAEMON);
    }

    private void emit(UniversalEventType type, EventData data, JsonValue raw, EventSource source) {
        stamper.append(type, data, raw, source, nativeSessionId);
    }
}
