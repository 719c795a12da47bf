package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.StderrSnapshot;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.SessionSkills;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sandboxagent.core.json.Jsons.JSON;
import static dev.sandboxagent.core.json.Jsons.object;
import static dev.sandboxagent.core.json.Jsons.string;

/**
 * One codex session: one {@code codex app-server} process speaking JSON-RPC on stdio, one codex
 * thread, one {@code turn/start} per message. Notifications go to the {@link CodexTranslator},
 * requests (approvals, questions) to {@link CodexRequests}. The session also bounds what codex
 * does not: retrying an unreachable model forever, and commands outliving an interrupted turn.
 */
final class CodexSession implements AgentSession, CodexTranslator.Hooks {

    private static final System.Logger LOG = System.getLogger(CodexSession.class.getName());

    private final AgentSessionSpec spec;
    private final AgentEventSink sink;
    private final CodexOptions options;
    private final CodexTranslator translator;
    private final CodexRequests requests;
    private final JsonRpcPeer peer;
    private volatile AgentProcess process;
    private volatile String threadId;
    private volatile String model;
    private volatile boolean started;
    private volatile boolean closing;
    private boolean interruptPending; // guarded by this
    private volatile String step = "launch"; // of the handshake, for error messages
    private volatile Path skillsRoot; // links to the session's skills, when it has any
    // The unreachable-model watchdog: armed by codex's first retry, disarmed by any progress.
    private final AtomicLong retryGeneration = new AtomicLong();
    private volatile boolean retryArmed;

    private CodexSession(AgentSessionSpec spec, AgentEventSink sink, CodexOptions options) {
        this.spec = spec;
        this.sink = sink;
        this.options = options;
        this.translator = new CodexTranslator(sink, this);
        this.requests = new CodexRequests(sink, translator);
        this.peer = new JsonRpcPeer(line -> process.writeLine(line), new CodexInbound(sink, translator, requests));
        requests.attach(peer);
    }

    /** Starts the app-server and a new thread, or resumes {@code resumeThreadId} when it is set. */
    static CodexSession start(AgentSessionSpec spec, AgentEventSink sink, CodexOptions options,
                              String resumeThreadId) throws Exception {
        CodexSession s = new CodexSession(spec, sink, options);
        s.process = AgentProcess.start(CodexLaunch.launchSpec(spec), s.peer::onLine, s::exited);
        try {
            s.handshake(resumeThreadId);
        } catch (Exception e) {
            StderrSnapshot stderr = s.process.stderr();
            s.close();
            throw new IOException("codex app-server did not start a session (" + s.step + "): " + describe(e)
                    + (stderr.isEmpty() ? "" : "; stderr: " + stderr.text()), e);
        }
        s.started = true;
        return s;
    }

    private void handshake(String resumeThreadId) throws Exception {
        step = "initialize";
        await(peer.request("initialize", CodexLaunch.initialize(spec), options.requestTimeout()));
        peer.notify("initialized", null);
        List<SessionSkills.Skill> skills = spec.skills();
        if (!skills.isEmpty()) {
            // one extra skills root for this app-server: links to the session's skills
            step = "skills/extraRoots/set";
            skillsRoot = Files.createTempDirectory("sandbox-codex-skills-");
            SessionSkills.link(skills, skillsRoot);
            await(peer.request("skills/extraRoots/set", JSON.createObjectBuilder().add("extraRoots",
                    JSON.createArrayBuilder().add(skillsRoot.toString())).build(), options.requestTimeout()));
        }
        String method = resumeThreadId == null ? "thread/start" : "thread/resume";
        step = method;
        JsonObject result = object(await(peer.request(method, CodexLaunch.thread(spec, resumeThreadId),
                options.requestTimeout())));
        JsonObject thread = object(result, "thread");
        threadId = string(thread, "id");
        if (threadId == null) {
            throw new IOException(method + " returned no thread id: " + result);
        }
        model = string(result, "model");
        var meta = JSON.createObjectBuilder().add("agent", "codex").add("resumed", resumeThreadId != null);
        for (String k : List.of("model", "modelProvider", "approvalPolicy", "cwd", "reasoningEffort")) {
            if (result.get(k) instanceof jakarta.json.JsonString v) {
                meta.add(k, v);
            }
        }
        meta.add("sandbox", CodexPolicy.forPermissionMode(spec.permissionMode()).sandbox());
        sink.sessionStarted(threadId, meta.build(), result);
    }

    // ---- turns -----------------------------------------------------------------------------

    @Override
    public void sendMessage(UserMessage message) throws Exception {
        translator.beginTurn(message.turnId());
        CompletableFuture<JsonValue> reply = peer.request("turn/start",
                CodexLaunch.turnStart(spec, threadId, model, message), options.requestTimeout());
        // Runs on the reader thread before codex's next line (the turn's first notification).
        reply.thenAccept(r -> turnIdKnown(message.turnId(), string(object(object(r), "turn"), "id")));
        await(reply); // a failure: core ends the turn (the message was not taken)
    }

    private void turnIdKnown(String turn, String codexTurnId) {
        if (codexTurnId == null) {
            return;
        }
        translator.codexTurnStarted(codexTurnId);
        boolean interruptNow;
        synchronized (this) {
            interruptNow = interruptPending;
            interruptPending = false;
        }
        if (interruptNow) {
            interruptTurn(turn);
        }
    }

    @Override
    public void interrupt() {
        String turn = sink.openTurn();
        if (turn == null) {
            return;
        }
        synchronized (this) {
            if (translator.codexTurnId() == null) {
                interruptPending = true; // sent as soon as codex tells the turn's id
                scheduleFallback(turn);
                return;
            }
        }
        interruptTurn(turn);
    }

    /** {@code turn/interrupt}, then the turn's commands are killed; codex gets a grace period to confirm. */
    private void interruptTurn(String turn) {
        String codexTurnId = translator.codexTurnId();
        List<JsonObject> running = translator.runningCommands();
        peer.request("turn/interrupt", CodexLaunch.interrupt(threadId, codexTurnId), options.requestTimeout())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.log(System.Logger.Level.DEBUG, "turn/interrupt failed", e);
                    }
                    Thread.ofVirtual().name("codex-reaper").start(() -> reap(running));
                });
        scheduleFallback(turn);
    }

    private void reap(List<JsonObject> running) {
        AgentProcess p = process;
        if (p != null && !running.isEmpty()) {
            ProcessHandle.of(p.pid()).ifPresent(root -> CommandReaper.kill(root, running));
        }
    }

    /** Ends our turn {@code turn} ourselves if codex has not confirmed the interrupt in time (and core has it open still). */
    private void scheduleFallback(String turn) {
        CompletableFuture.delayedExecutor(options.interruptGrace().toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                translator.finishTurn(turn, JSON.createObjectBuilder().add("stop_reason", "interrupted")
                        .add("detail", "codex did not confirm the interrupt in time").build(), null));
    }

    // ---- watchdog (CodexTranslator.Hooks) ---------------------------------------------------

    @Override
    public void retrying(String message) {
        if (retryArmed) {
            return;
        }
        retryArmed = true;
        long generation = retryGeneration.incrementAndGet();
        String turn = sink.openTurn();
        Duration limit = options.unreachableLimit();
        CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (retryArmed && retryGeneration.get() == generation && turn != null && turn.equals(sink.openTurn())
                    && !closing) {
                retryArmed = false;
                sink.error("the model API could not be reached for " + limit.toSeconds() + " s (" + message
                                + "); the turn was ended", "model_unreachable",
                        JSON.createObjectBuilder().add("lastError", String.valueOf(message))
                                .add("limitMs", limit.toMillis()).build(), null);
                interrupt();
            }
        });
    }

    @Override
    public void progress() {
        if (retryArmed) {
            retryArmed = false;
            retryGeneration.incrementAndGet();
        }
    }

    @Override
    public void turnEnded() {
        progress();
        requests.forgetAll();
    }

    // ---- answers ---------------------------------------------------------------------------

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        requests.replyPermission(permissionId, reply);
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        requests.replyQuestion(questionId, answers);
    }

    @Override
    public void rejectQuestion(String questionId) {
        requests.rejectQuestion(questionId);
    }

    // ---- lifecycle -------------------------------------------------------------------------

    String threadId() {
        return threadId;
    }

    @Override
    public void close() {
        closing = true;
        progress();
        peer.close(new IOException("the codex session was closed"));
        AgentProcess p = process;
        if (p != null) {
            p.terminate(Duration.ofSeconds(3));
        }
        deleteSkillsRoot();
    }

    /** The links and their folder (never what they point to). */
    private void deleteSkillsRoot() {
        Path root = skillsRoot;
        if (root == null) {
            return;
        }
        try (var links = Files.list(root)) {
            for (Path link : links.toList()) {
                Files.deleteIfExists(link);
            }
            Files.deleteIfExists(root);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not remove " + root, e);
        }
    }

    private void exited(Integer code, StderrSnapshot stderr) {
        peer.close(new IOException("codex app-server exited with code " + code));
        progress();
        if (closing || !started) {
            return;
        }
        sink.agentExited(code, code != null && code == 0 ? null : "codex app-server exited with code " + code,
                stderr.toOutput());
    }

    private JsonValue await(CompletableFuture<JsonValue> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
