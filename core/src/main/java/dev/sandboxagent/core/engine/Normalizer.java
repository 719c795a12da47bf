package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.AgentUnparsedData;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
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
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Looked up once: each {@code Json.createX} call scans the class path for the provider. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** What the engine needs to hear about. Called while the monitor is held: do not block. */
    interface Listener {
        void turnEnded(String turnId);

        void sessionEnded();
    }

    private final String sessionId;
    private final EventLog log;
    private final Listener listener;

    private boolean started;
    private boolean ended;
    private boolean terminating;
    private String nativeSessionId;
    private String turnId;
    private boolean interruptRequested;
    private long agentTurns;
    private final Map<String, OpenItem> openItems = new LinkedHashMap<>();
    private final ItemIds itemIds = new ItemIds();
    private final EventStamper stamper;
    private final PendingRequests pending = new PendingRequests();

    Normalizer(String sessionId, EventLog log, Listener listener) {
        this.sessionId = sessionId;
        this.log = log;
        this.listener = listener;
        this.stamper = new EventStamper(sessionId, log);
    }

    private static final class OpenItem {
        final UniversalItem item;
        final StringBuilder text = new StringBuilder();
        boolean deltas;

        OpenItem(UniversalItem item) {
            this.item = item;
        }
    }

    // ---- read-only views -----------------------------------------------------------------

    synchronized String nativeSessionId() {
        return nativeSessionId;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized long updatedAt() {
        return stamper.updatedAt();
    }

    synchronized boolean turnRunning() {
        return turnId != null;
    }

    // ---- engine side ---------------------------------------------------------------------

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
        if (turnId != null) {
            closeTurn(null, null, true);
        }
        turnId = message.turnId();
        interruptRequested = false;
        emitDaemon(UniversalEventType.TURN_STARTED, new TurnEventData(TurnPhase.STARTED, turnId, null));
        List<ContentPart> content = new ArrayList<>();
        content.add(new ContentPart.Text(message.text()));
        for (UserMessage.Attachment a : message.attachments()) {
            content.add(dev.sandboxagent.core.files.MimeTypes.isImage(a.mime())
                    ? new ContentPart.Image(a.path(), a.mime())
                    : new ContentPart.FileRef(a.path(), dev.sandboxagent.core.schema.FileAction.READ, null));
        }
        UniversalItem user = new UniversalItem(itemIds.next(null), null, null, ItemKind.MESSAGE, ItemRole.USER, content,
                ItemStatus.IN_PROGRESS);
        emitDaemon(UniversalEventType.ITEM_STARTED, new ItemEventData(user));
        emitDaemon(UniversalEventType.ITEM_COMPLETED, new ItemEventData(user.withStatus(ItemStatus.COMPLETED)));
    }

    /** The adapter failed to take the message: report it and end the turn. */
    synchronized void turnFailed(String message) {
        if (ended) {
            return;
        }
        emitDaemon(UniversalEventType.ERROR, new ErrorData(message, "send_failed", null));
        if (turnId != null) {
            closeTurn(null, null, true);
        }
    }

    synchronized void interruptRequested() {
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

    /** Like {@link #answerPermission}; {@code response} null means the question was rejected. */
    synchronized void answerQuestion(String questionId, String response) {
        emitDaemon(UniversalEventType.QUESTION_RESOLVED, pending.answer(questionId, response));
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

    /**
     * Restart: takes over the state a previous daemon left in the log ({@link SessionRestore}) and
     * ends the session if it was still running, after {@code damage} (an error event) if any.
     */
    synchronized void restore(boolean wasStarted, boolean wasEnded, String nativeId, String openTurn,
                              ErrorData damage, SessionEndedData end) {
        started = wasStarted;
        ended = wasEnded;
        nativeSessionId = nativeId;
        turnId = openTurn;
        if (ended) {
            log.close();
            return;
        }
        if (damage != null) {
            emitDaemon(UniversalEventType.ERROR, damage);
        }
        endSession(end);
    }

    /** An ended session goes on in a new agent process, which announces it with a new session.started. */
    synchronized void reopen() {
        ended = terminating = started = false;
        turnId = null;
        openItems.clear();
        log.reopen();
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
    public synchronized void itemStarted(UniversalItem item, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        String key = item.nativeItemId();
        if (key != null && openItems.containsKey(key)) {
            return; // already started (possibly synthesised from an earlier delta)
        }
        UniversalItem assigned = itemIds.assign(item, itemIds.next(key)).withStatus(ItemStatus.IN_PROGRESS);
        if (key != null) {
            openItems.put(key, new OpenItem(assigned));
        }
        emitAgent(UniversalEventType.ITEM_STARTED, new ItemEventData(assigned), raw);
    }

    @Override
    public synchronized void itemDelta(String nativeItemId, String delta, JsonValue raw) {
        if (ended || delta == null) {
            return;
        }
        ensureSessionStarted();
        OpenItem open = openItems.get(nativeItemId);
        if (open == null) {
            UniversalItem guess = new UniversalItem(null, nativeItemId, null, ItemKind.MESSAGE, ItemRole.ASSISTANT,
                    List.of(), ItemStatus.IN_PROGRESS);
            open = startSynthetic(guess);
        }
        open.deltas = true;
        open.text.append(delta);
        emitAgent(UniversalEventType.ITEM_DELTA, new ItemDeltaData(open.item.itemId(), nativeItemId, delta), raw);
    }

    @Override
    public synchronized void itemCompleted(UniversalItem item, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        String key = item.nativeItemId();
        OpenItem open = key == null ? null : openItems.remove(key);
        if (open == null) {
            open = startSynthetic(item.withContent(List.of()));
            if (key != null) {
                openItems.remove(key); // it completes right here
            }
        }
        String text = item.text();
        if (!open.deltas && !text.isEmpty()) {
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
        if (ended) {
            return;
        }
        ensureSessionStarted();
        PermissionEventData data = new PermissionEventData(permissionId, action, PermissionStatus.REQUESTED, metadata);
        pending.requested(data);
        emitAgent(UniversalEventType.PERMISSION_REQUESTED, data, raw);
    }

    @Override
    public synchronized void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        QuestionEventData data = new QuestionEventData(questionId, prompt, options, QuestionStatus.REQUESTED, null);
        pending.requested(data);
        emitAgent(UniversalEventType.QUESTION_REQUESTED, data, raw);
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
        emitAgent(UniversalEventType.AGENT_UNPARSED, new AgentUnparsedData(error, location, sha256(text)),
                JSON.createValue(text));
    }

    @Override
    public synchronized void turnEnded(JsonValue metadata, JsonValue raw) {
        if (ended) {
            return;
        }
        ensureSessionStarted();
        if (turnId == null) {
            // The agent ended a turn we did not see begin: open it so the pair stays whole.
            turnId = "turn_agent_" + (++agentTurns);
            emitDaemon(UniversalEventType.TURN_STARTED, new TurnEventData(TurnPhase.STARTED, turnId, null));
        }
        closeTurn(metadata, raw, false);
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

    private OpenItem startSynthetic(UniversalItem item) {
        UniversalItem assigned = itemIds.assign(item, itemIds.next(item.nativeItemId())).withStatus(ItemStatus.IN_PROGRESS);
        OpenItem open = new OpenItem(assigned);
        if (item.nativeItemId() != null) {
            openItems.put(item.nativeItemId(), open);
        }
        emitDaemon(UniversalEventType.ITEM_STARTED, new ItemEventData(assigned));
        return open;
    }

    private void closeTurn(JsonValue metadata, JsonValue raw, boolean synthetic) {
        // Items the agent left open are closed: failed when the turn was cut short.
        ItemStatus leftover = interruptRequested || synthetic ? ItemStatus.FAILED : ItemStatus.COMPLETED;
        for (OpenItem open : new ArrayList<>(openItems.values())) {
            UniversalItem item = open.item;
            if (open.text.length() > 0) {
                item = item.withContent(List.of(new ContentPart.Text(open.text.toString())));
            }
            emitDaemon(UniversalEventType.ITEM_COMPLETED, new ItemEventData(item.withStatus(leftover)));
        }
        openItems.clear();
        // Requests nobody can answer any more are closed as rejected.
        for (EventData resolution : pending.closeAll()) {
            emitDaemon(resolution instanceof PermissionEventData ? UniversalEventType.PERMISSION_RESOLVED
                    : UniversalEventType.QUESTION_RESOLVED, resolution);
        }
        String ended = turnId;
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

    private void endSession(SessionEndedData data) {
        ensureSessionStarted();
        if (turnId != null) {
            closeTurn(null, null, true);
        }
        ended = true;
        emit(UniversalEventType.SESSION_ENDED, data, null,
                data.terminatedBy() == TerminatedBy.DAEMON ? EventSource.DAEMON : EventSource.AGENT);
        log.close();
        listener.sessionEnded();
    }

    private void emitAgent(UniversalEventType type, EventData data, JsonValue raw) {
        emit(type, data, raw, EventSource.AGENT);
    }

    private void emitDaemon(UniversalEventType type, EventData data) {
        emit(type, data, null, EventSource.DAEMON);
    }

    private void emit(UniversalEventType type, EventData data, JsonValue raw, EventSource source) {
        stamper.append(type, data, raw, source, nativeSessionId);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
