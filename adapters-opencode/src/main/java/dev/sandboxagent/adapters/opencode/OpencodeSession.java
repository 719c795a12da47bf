package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.process.StderrSnapshot;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One OpenCode session on the shared server, in the session's directory (every call and the
 * event stream name it). Events of the directory's {@code /event} stream are filtered to this
 * session, translated, and watched for the end of our prompt's answer ({@link TurnEndDetector}),
 * which is reported as the turn's end; whether a turn is open is core's record. All event
 * handling runs under this object's lock, on the stream's thread (or the late check's).
 */
final class OpencodeSession implements AgentSession, OpencodeServer.Listener {

    private static final System.Logger LOG = System.getLogger(OpencodeSession.class.getName());
    /** How long a turn may wait, after idle, for its last assistant message before ending anyway. */
    static final Duration LATE_MESSAGE_GRACE = Duration.ofSeconds(5);

    private final OpencodeServer.Run run;
    private final AgentSessionSpec spec;
    private final AgentEventSink sink;
    private final ModelRef model;
    private final String directory;
    private final TurnEndDetector turn;
    private OpencodeTranslator translator;
    private volatile String id;
    private volatile OpencodeClient.EventStream events;
    private volatile boolean closed;
    private int reconnects;
    private String lateCheckFor; // the turn a late check was started for (one per turn)

    OpencodeSession(OpencodeServer.Run run, AgentSessionSpec spec, AgentEventSink sink, ModelRef model) {
        this.run = run;
        this.spec = spec;
        this.sink = sink;
        this.model = model;
        this.directory = spec.directory().toAbsolutePath().toString();
        this.turn = new TurnEndDetector(sink::openTurn);
    }

    /** Subscribes to the events, creates the OpenCode session and announces it. */
    void open() throws IOException, InterruptedException {
        events = subscribe();
        if (!events.awaitConnected(Duration.ofSeconds(60))) {
            events.close();
            throw new IOException("opencode's event stream did not connect");
        }
        JsonObjectBuilder body = Jsons.JSON.createObjectBuilder()
                .add("title", spec.title() != null ? spec.title() : "sandbox-agent " + spec.sessionId())
                .add("permission", PermissionRules.forMode(spec.permissionMode()));
        JsonValue created = spec.resumeNativeSessionId() != null
                // an existing OpenCode session of this directory continues (GET fails if there is none)
                ? run.client.get("/session/" + spec.resumeNativeSessionId(), directory)
                : run.client.post("/session", directory, body.build());
        String nativeId = created instanceof JsonObject o ? Jsons.string(o, "id") : null;
        if (nativeId == null) {
            events.close();
            throw new IOException("opencode did not return a session id: " + created);
        }
        synchronized (this) {
            id = nativeId;
            translator = new OpencodeTranslator(nativeId, sink);
        }
        run.listeners.add(this);
        if (run.dead) {
            run.listeners.remove(this);
            events.close();
            throw new IOException("the opencode server exited while the session was being created");
        }
        JsonObjectBuilder meta = Jsons.JSON.createObjectBuilder()
                .add("agent", spec.agentMode() == null ? "build" : spec.agentMode())
                .add("directory", directory)
                .add("server", run.client.baseUrl());
        if (model != null) {
            meta.add("model", model.toString());
        }
        sink.sessionStarted(nativeId, meta.build(), created);
    }

    private OpencodeClient.EventStream subscribe() {
        return run.client.subscribe(directory, this::onEvent, this::onStreamEnd);
    }

    private void onEvent(JsonObject event) {
        synchronized (this) {
            if (closed || translator == null) {
                return;
            }
            String owner = OpencodeTranslator.sessionOf(event);
            translator.accept(event);
            if (!id.equals(owner)) {
                return;
            }
            // between turns this only keeps track of the messages seen
            if (turn.accept(event)) {
                endTurn(turn.turnId(), turn.endMetadata(), event);
            } else if (turn.waitingForMessages()) {
                scheduleLateCheck();
            }
        }
    }

    /** Reports the end of turn {@code turnId}: core ends it once, only while it is the open turn. */
    private void endTurn(String turnId, JsonObject metadata, JsonObject raw) {
        sink.turnEnded(turnId, turn.usage(), metadata, raw);
    }

    /**
     * Idle came but a message is incomplete: give it a little time, then read the session's
     * messages from OpenCode, and end the turn with what they say (or without them).
     */
    private void scheduleLateCheck() {
        String turnId = turn.turnId();
        if (turnId == null || turnId.equals(lateCheckFor)) {
            return; // one check per turn
        }
        lateCheckFor = turnId;
        Thread.ofVirtual().name("opencode-late-" + id).start(() -> {
            JsonValue messages = null;
            try {
                Thread.sleep(LATE_MESSAGE_GRACE.toMillis());
                if (turnId.equals(sink.openTurn()) && !closed) {
                    messages = run.client.get("/session/" + id + "/message", directory);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "reading the messages of " + id + " failed", e);
            }
            synchronized (this) {
                if (closed || !turnId.equals(sink.openTurn()) || !turn.waitingForMessages()) {
                    return;
                }
                if (messages instanceof jakarta.json.JsonArray all) {
                    for (JsonValue m : all) {
                        JsonObject info = m instanceof JsonObject o ? Jsons.object(o, "info") : null;
                        if (info != null && turn.accept(Jsons.JSON.createObjectBuilder().add("type", "message.updated")
                                .add("properties", Jsons.JSON.createObjectBuilder().add("sessionID", id)
                                        .add("info", info)).build())) {
                            endTurn(turnId, turn.endMetadata(), info);
                            return;
                        }
                    }
                }
                LOG.log(System.Logger.Level.DEBUG, "session {0}: ending the turn without its last message", id);
                endTurn(turnId, turn.endMetadata(), null);
            }
        });
    }

    private void onStreamEnd(Throwable failure) {
        if (closed || failure == null || run.dead) {
            return;
        }
        // The server's exit is reported by serverDied; only a live server's dropped stream is
        // reconnected, and what happened in the gap is read back from OpenCode's own API.
        if (run.process.waitFor(Duration.ofSeconds(3)) || !run.process.isAlive()) {
            return;
        }
        synchronized (this) {
            if (closed || ++reconnects > 20) {
                if (!closed) {
                    sink.error("lost opencode's event stream: " + failure.getMessage(), "stream_error", null, null);
                }
                return;
            }
            translator.streamCut();
        }
        LOG.log(System.Logger.Level.WARNING, "session " + id + ": opencode event stream ended, reconnecting", failure);
        OpencodeClient.EventStream again = subscribe();
        events = again;
        if (closed) {
            again.close();
        }
        // once subscribed again (nothing can fall between), catch up; a later cut catches up itself
        again.connected.thenRun(() -> catchUp(again));
    }

    /**
     * Reads the session back from OpenCode and feeds it through the translator like live events
     * (see {@link EventStreamReconciler}). A prompt sent meanwhile makes the snapshot's idle stale.
     */
    private void catchUp(OpencodeClient.EventStream stream) {
        String promptedFor;
        synchronized (this) {
            promptedFor = turn.turnId();
        }
        SessionSnapshot snapshot;
        try {
            snapshot = SessionSnapshot.read(run.client, id, directory);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                if (!closed && events == stream) {
                    translator.caughtUp();
                    sink.error("could not read back what opencode did while its event stream was lost: "
                            + e.getMessage(), "stream_error", null, null);
                }
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (closed || events != stream) {
                return;
            }
            for (JsonObject event : EventStreamReconciler.events(id, snapshot)) {
                if (Objects.equals(turn.turnId(), promptedFor) || !"session.status".equals(Jsons.string(event, "type"))) {
                    onEvent(event);
                }
            }
            translator.caughtUp();
            reconnects = 0;
        }
        LOG.log(System.Logger.Level.INFO, "session {0}: caught up after the lost event stream", id);
    }

    @Override
    public void sendMessage(UserMessage message) throws Exception {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the opencode session is closed");
            }
            turn.begin(message.turnId());
        }
        JsonArrayBuilder parts = Jsons.JSON.createArrayBuilder()
                .add(Jsons.JSON.createObjectBuilder().add("type", "text").add("text", message.text()));
        for (UserMessage.Attachment a : message.attachments()) {
            parts.add(Attachments.part(a, spec.directory()));
        }
        JsonObjectBuilder body = Jsons.JSON.createObjectBuilder().add("parts", parts);
        if (spec.agentMode() != null) {
            body.add("agent", spec.agentMode());
        }
        if (model != null) {
            body.add("model", model.toJson());
        }
        if (spec.variant() != null) {
            body.add("variant", spec.variant());
        }
        run.client.post("/session/" + id + "/prompt_async", directory, body.build()); // not taken: core ends the turn
    }

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) throws Exception {
        run.client.post("/permission/" + permissionId + "/reply", directory,
                Jsons.JSON.createObjectBuilder().add("reply", reply.wire()).build());
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) throws Exception {
        JsonArrayBuilder all = Jsons.JSON.createArrayBuilder();
        for (List<String> one : answers) {
            JsonArrayBuilder a = Jsons.JSON.createArrayBuilder();
            one.forEach(a::add);
            all.add(a);
        }
        run.client.post("/question/" + questionId + "/reply", directory,
                Jsons.JSON.createObjectBuilder().add("answers", all).build());
    }

    @Override
    public void rejectQuestion(String questionId) throws Exception {
        run.client.post("/question/" + questionId + "/reject", directory, null);
    }

    @Override
    public void interrupt() throws Exception {
        run.client.post("/session/" + id + "/abort", directory, null);
    }

    /** Stops the session's work (abort) and its event stream; the shared server keeps running. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        run.listeners.remove(this);
        if (!run.dead && id != null) {
            try {
                run.client.post("/session/" + id + "/abort", directory, null);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "aborting opencode session " + id + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        OpencodeClient.EventStream e = events;
        if (e != null) {
            e.close();
        }
    }

    @Override
    public void serverDied(Integer exitCode, String message, StderrSnapshot stderr) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        OpencodeClient.EventStream e = events;
        if (e != null) {
            e.close();
        }
        String why = message != null ? message : "the opencode server was stopped";
        sink.error(why, "agent_process_exited", null, null);
        sink.agentExited(exitCode, why, stderr == null ? null
                : stderr.toOutput());
    }
}
