package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcClosedException;
import dev.sandboxagent.core.jsonrpc.JsonRpcErrorException;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.StderrSnapshot;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * One ACP session: one agent process speaking JSON-RPC on stdio. {@code initialize}, then
 * {@code session/new} (or {@code session/load} of a native id to resume), then one
 * {@code session/prompt} per message, whose answer ends the turn; {@code session/cancel}
 * interrupts. The agent's notifications and requests go through {@link AcpInbound}.
 */
final class AcpSession implements AgentSession {

    private static final System.Logger LOG = System.getLogger(AcpSession.class.getName());
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long the agent has to answer a cancelled prompt before we end the turn ourselves. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);

    private final AcpAgentSpec agent;
    private final AgentSessionSpec spec;
    private final AgentEventSink sink;
    private final AcpTranslator translator;
    private final AcpPermissions permissions;
    private final JsonRpcPeer peer;
    private volatile AgentProcess process;
    private volatile String nativeId;
    private volatile boolean images;
    private volatile boolean started;
    private volatile boolean closing;
    private volatile String step = "launch"; // of the handshake, for error messages

    private AcpSession(AcpAgentSpec agent, AgentSessionSpec spec, AgentEventSink sink) {
        this.agent = agent;
        this.spec = spec;
        this.sink = sink;
        this.translator = new AcpTranslator(sink);
        this.permissions = new AcpPermissions(sink, translator);
        AcpInbound inbound = new AcpInbound(sink, translator, permissions,
                agent.clientFs() ? new AcpFiles(spec.directory()) : null);
        this.peer = new JsonRpcPeer(line -> process.writeLine(line), inbound);
        inbound.attach(peer);
        permissions.attach(peer);
    }

    static AcpSession start(AcpAgentSpec agent, AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        AcpSession s = new AcpSession(agent, spec, sink);
        s.process = AgentProcess.start(AcpLaunch.launchSpec(agent, spec), s.peer::onLine, s::exited);
        try {
            s.handshake(spec.resumeNativeSessionId());
        } catch (Exception e) {
            StderrSnapshot stderr = s.process.stderr();
            s.close();
            throw new IOException(agent.title() + " did not start an ACP session (" + s.step + "): " + describe(e)
                    + (stderr.isEmpty() ? "" : "; stderr: " + stderr.text()), e);
        }
        s.started = true;
        return s;
    }

    private void handshake(String resumeId) throws Exception {
        step = "initialize";
        JsonObject init = Jsons.object(peer.call("initialize", AcpLaunch.initialize(agent), REQUEST_TIMEOUT));
        JsonObject caps = Jsons.orEmpty(Jsons.objectOrNull(init, "agentCapabilities"));
        images = Jsons.bool(Jsons.orEmpty(Jsons.objectOrNull(caps, "promptCapabilities")), "image");
        if (resumeId != null && !Jsons.bool(caps, "loadSession")) {
            throw new IOException(agent.title() + " does not offer session/load, so session " + resumeId
                    + " cannot be resumed");
        }
        step = resumeId == null ? "session/new" : "session/load";
        JsonObject session = Jsons.object(peer.call(step, AcpLaunch.session(spec, resumeId), REQUEST_TIMEOUT));
        nativeId = resumeId != null ? resumeId : Jsons.string(session, "sessionId");
        if (nativeId == null) {
            throw new IOException("session/new returned no sessionId: " + session);
        }
        String mode = chooseMode(session);
        if (resumeId != null) {
            translator.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(3));
        }
        var meta = JSON.createObjectBuilder().add("agent", agent.id()).add("resumed", resumeId != null)
                .add("agentCapabilities", caps);
        for (String k : List.of("agentInfo", "authMethods")) {
            if (init.get(k) != null) {
                meta.add(k, init.get(k));
            }
        }
        for (String k : List.of("modes", "models")) {
            if (session.get(k) != null) {
                meta.add(k, session.get(k));
            }
        }
        if (mode != null) {
            meta.add("mode", mode);
        }
        sink.sessionStarted(nativeId, meta.build(), JSON.createObjectBuilder().add("initialize", init)
                .add(step, session).build());
    }

    /** Switches to the mode the session asks for (agent mode, else permission mode) when it differs. */
    private String chooseMode(JsonObject session) throws Exception {
        JsonObject modes = Jsons.objectOrNull(session, "modes");
        String current = modes == null ? null : Jsons.string(modes, "currentModeId");
        String wanted = agent.acpMode(spec.agentMode(), spec.permissionMode());
        if (wanted == null || wanted.equals(current) || modes == null) {
            return current;
        }
        step = "session/set_mode " + wanted;
        peer.call("session/set_mode", AcpLaunch.setMode(nativeId, wanted), REQUEST_TIMEOUT);
        return wanted;
    }

    // ---- turns -----------------------------------------------------------------------------

    @Override
    public void sendMessage(UserMessage message) throws Exception {
        String turnId = message.turnId();
        translator.beginTurn();
        CompletableFuture<JsonValue> reply = peer.request("session/prompt",
                AcpLaunch.prompt(nativeId, message, spec.directory(), images));
        if (reply.isCompletedExceptionally() && !(cause(reply) instanceof JsonRpcErrorException)) {
            throw cause(reply) instanceof Exception e ? e : new IOException(cause(reply)); // core ends the turn
        }
        reply.whenComplete((result, error) -> promptDone(turnId, result, error));
    }

    private void promptDone(String which, JsonValue result, Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error;
        if (closing || e instanceof JsonRpcClosedException || which == null || !which.equals(sink.openTurn())) {
            return; // closed, the process died (the engine ends the session), or a turn already over
        }
        if (e instanceof JsonRpcErrorException rpc) {
            JsonObject details = JSON.createObjectBuilder().add("code", rpc.code())
                    .add("data", rpc.data() == null ? JsonValue.NULL : rpc.data()).build();
            sink.error(agent.title() + " failed the turn: " + rpc.errorMessage() + dataDetail(rpc.data())
                    + " [JSON-RPC error " + rpc.code() + "]", "agent_error",
                    details, null);
            endTurn(which, null, "error");
            return;
        }
        if (e != null) {
            sink.error(agent.title() + " failed the turn: " + describe(e), "agent_error", null, null);
            endTurn(which, null, "error");
            return;
        }
        JsonObject r = result instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        String stop = Jsons.string(r, "stopReason");
        endTurn(which, r, "cancelled".equals(stop) || sink.interruptRequested() ? "interrupted"
                : stop == null ? "end_turn" : stop);
    }

    /** Ends turn {@code which} if it is still open: a late answer to a turn already over is ignored. */
    private void endTurn(String which, JsonObject result, String stopReason) {
        if (!which.equals(sink.openTurn())) {
            return;
        }
        permissions.cancelAll("the turn ended");
        translator.turnEnded(which, result, JSON.createObjectBuilder().add("stop_reason", stopReason).build());
    }

    @Override
    public void interrupt() {
        String which = sink.openTurn();
        if (which == null || nativeId == null) {
            return;
        }
        permissions.cancelAll("the turn was interrupted");
        try {
            peer.notify("session/cancel", AcpLaunch.cancel(nativeId));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "session/cancel failed", e);
        }
        CompletableFuture.delayedExecutor(INTERRUPT_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> endTurn(which, null, "interrupted"));
    }

    // ---- answers ---------------------------------------------------------------------------

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        permissions.reply(permissionId, reply);
    }

    /** ACP has no questions; the engine never asks since the capability is off. */
    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        throw new UnsupportedOperationException(agent.title() + " asks no questions through ACP");
    }

    @Override
    public void rejectQuestion(String questionId) {
        throw new UnsupportedOperationException(agent.title() + " asks no questions through ACP");
    }

    // ---- lifecycle -------------------------------------------------------------------------

    String nativeId() {
        return nativeId;
    }

    @Override
    public void close() {
        closing = true;
        peer.close(new IOException("the " + agent.title() + " session was closed"));
        AgentProcess p = process;
        if (p != null) {
            p.terminate(Duration.ofSeconds(3));
        }
    }

    private void exited(Integer code, StderrSnapshot stderr) {
        peer.close(new IOException(agent.title() + " exited with code " + code));
        if (closing || !started) {
            return;
        }
        sink.agentExited(code, code != null && code == 0 ? null : agent.title() + " exited with code " + code,
                stderr.toOutput());
    }

    private static String dataDetail(JsonValue data) {
        if (data instanceof JsonObject o && o.get("details") != null) {
            return " (" + Jsons.text(o.get("details")) + ")";
        }
        return data == null || data == JsonValue.NULL ? "" : " (" + Jsons.text(data) + ")";
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.getNow(null);
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
