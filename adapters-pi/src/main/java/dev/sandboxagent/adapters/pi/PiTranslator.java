package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.JsonLines;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonObject;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Translates pi's RPC stdout, one line at a time, into sink calls, and decides when a turn is
 * over. Pi's {@code agent_end} is not always the end: right after it, in the same tick, pi may
 * announce an automatic retry ({@code auto_retry_start}) or a compaction that will re-run the
 * prompt. So on {@code agent_end} the translator sends a {@code get_state} (the "turn-end"
 * barrier): pi answers it after whatever it printed with the {@code agent_end}, and if no retry
 * or compaction came in between, the turn has ended. A retry cancelled by an interrupt
 * ({@code auto_retry_end} without a new run) ends it too.
 */
final class PiTranslator {

    private final AgentEventSink sink;
    private final Consumer<String> commands;
    private final PiItems items;
    /** Completed with get_state's data when pi answers the start-up request (see {@link PiSession}). */
    final CompletableFuture<JsonObject> started = new CompletableFuture<>();

    private boolean agentRunning;
    private String pendingBarrier;
    private int barriers;
    private boolean retrying;
    private boolean compacting;
    // what the open turn's model calls said (core keeps the turn itself: sink.openTurn())
    private String error;
    private JsonObject errorDetails;
    private String stopReason;
    private TurnUsage usage = TurnUsage.NONE;

    /** {@code commands} writes one line to pi's stdin. */
    PiTranslator(AgentEventSink sink, Consumer<String> commands) {
        this.sink = sink;
        this.commands = commands;
        this.items = new PiItems(sink);
    }

    /** Translates one stdout line. Never throws: what cannot be translated is reported as unparsed. */
    synchronized void accept(String line) {
        JsonLines.translate(line, sink, this::dispatch);
    }

    private void dispatch(JsonObject o, String line) {
        String type = String.valueOf(Jsons.string(o, "type"));
        switch (type) {
            case "response" -> response(o);
            case "agent_start" -> {
                agentRunning = true;
                retrying = false;
            }
            case "agent_end" -> agentEnd();
            case "message_start" -> items.messageStart(Jsons.object(o, "message"));
            case "message_update" -> items.update(Jsons.object(o, "assistantMessageEvent"), o);
            case "message_end" -> messageEnd(Jsons.object(o, "message"), o);
            case "tool_execution_start" -> items.toolStarted(o);
            case "tool_execution_end" -> items.toolEnded(o);
            case "auto_retry_start" -> retryStart(o);
            case "auto_retry_end" -> retryEnd(o);
            case "compaction_start" -> {
                compacting = !agentRunning;
                sink.itemCompleted(AgentItem.status(null, "compaction", "reason " + Jsons.string(o, "reason")), o);
            }
            case "compaction_end" -> compactionEnd(o);
            case "extension_ui_request" -> extensionRequest(o);
            case "extension_error" -> sink.error("pi extension " + Jsons.string(o, "extensionPath") + " failed: "
                    + Jsons.string(o, "error"), "extension_error", Jsons.pick(o, "extensionPath", "event"), o);
            case "turn_start", "turn_end", "tool_execution_update", "queue_update" -> {
                // pi's inner steps and running snapshots: the items above already say it
            }
            default -> sink.unparsed("unknown event type '" + type + "'", "stdout", line);
        }
    }

    private void response(JsonObject o) {
        String id = String.valueOf(Jsons.string(o, "id"));
        boolean success = Jsons.bool(o, "success");
        if (id.equals(PiCommands.STATE_ID)) {
            if (success) {
                JsonObject data = Jsons.object(o, "data");
                sink.sessionStarted(Jsons.string(data, "sessionId"), metadata(data), o);
                started.complete(data);
            } else {
                started.completeExceptionally(new IllegalStateException("pi refused get_state: "
                        + Jsons.string(o, "error")));
            }
        } else if (id.equals(pendingBarrier)) {
            pendingBarrier = null;
            endTurnIfDone();
        } else if (!success && id.startsWith(PiCommands.PROMPT_PREFIX)) {
            // refused before it started (e.g. no API key for the model): no agent run follows
            sink.error("pi refused the prompt: " + Jsons.string(o, "error"), "prompt_refused", null, o);
            endTurn();
        } else if (!success) {
            sink.error("pi failed the command " + Jsons.string(o, "command") + ": " + Jsons.string(o, "error"),
                    "command_failed", null, o);
        }
    }

    private static JsonObject metadata(JsonObject state) {
        JsonObject model = Jsons.object(state, "model");
        var b = Jsons.JSON.createObjectBuilder(Jsons.pick(state, "sessionFile", "thinkingLevel"))
                .add("agent", PiAdapter.ID);
        if (Jsons.string(model, "provider") != null) {
            b.add("model", Jsons.string(model, "provider") + "/" + Jsons.string(model, "id"));
        }
        return b.build();
    }

    private void messageEnd(JsonObject message, JsonObject raw) {
        if (!"assistant".equals(Jsons.string(message, "role"))) {
            return;
        }
        usage = usage.plus(items.messageEnd(message, raw));
        stopReason = Jsons.string(message, "stopReason");
        if ("error".equals(stopReason)) {
            error = message.getString("errorMessage", "the model call failed");
            errorDetails = Jsons.pick(message, "provider", "model", "api", "stopReason", "errorMessage");
        }
    }

    private void agentEnd() {
        agentRunning = false;
        if (sink.openTurn() != null) {
            pendingBarrier = PiCommands.TURN_END_PREFIX + (++barriers);
            commands.accept(PiCommands.getState(pendingBarrier));
        }
    }

    private void retryStart(JsonObject o) {
        retrying = true;
        error = null; // the failed call is being retried; only the last failure counts
        sink.itemCompleted(AgentItem.status(null, "retry", "attempt " + Jsons.integer(o, "attempt") + " of "
                + Jsons.integer(o, "maxAttempts") + " in " + Jsons.number(o, "delayMs") + " ms after: "
                + Jsons.string(o, "errorMessage")), o);
    }

    private void retryEnd(JsonObject o) {
        retrying = false;
        if (Jsons.bool(o, "success")) {
            return;
        }
        if (!sink.interruptRequested()) {
            error = Jsons.string(o, "finalError");
            errorDetails = Jsons.pick(o, "attempt", "finalError");
        }
        endTurnIfDone(); // an interrupt during the retry's delay: no run follows
    }

    private void compactionEnd(JsonObject o) {
        compacting = false;
        String outcome = Jsons.bool(o, "aborted") ? "aborted" : Jsons.has(o, "errorMessage")
                ? "failed: " + Jsons.string(o, "errorMessage") : "done";
        sink.itemCompleted(AgentItem.status(null, "compaction", outcome), o);
        if (!Jsons.bool(o, "willRetry")) {
            endTurnIfDone();
        }
    }

    /** Dialogs of extensions are dismissed (pi asks nothing over this adapter); notices become status items. */
    private void extensionRequest(JsonObject o) {
        String method = String.valueOf(Jsons.string(o, "method"));
        switch (method) {
            case "select", "confirm", "input", "editor" -> {
                commands.accept(PiCommands.cancelDialog(Jsons.string(o, "id")));
                sink.itemCompleted(AgentItem.status(null, "extension_dialog_dismissed",
                        Jsons.string(o, "title")), o);
            }
            case "notify" -> sink.itemCompleted(AgentItem.status(null, "extension_notice",
                    Jsons.string(o, "message")), o);
            default -> {
                // status bar, widgets, title, editor text: parts of pi's terminal UI
            }
        }
    }

    private void endTurnIfDone() {
        if (pendingBarrier == null && !agentRunning && !retrying && !compacting) {
            endTurn();
        }
    }

    /** Reports the open turn's end (core ignores it between turns) and forgets what its model calls said. */
    private void endTurn() {
        boolean interrupted = sink.interruptRequested() || "aborted".equals(stopReason);
        if (error != null && !interrupted) {
            sink.error(error, "model_error", errorDetails, null);
        }
        var meta = Jsons.JSON.createObjectBuilder().add("stop_reason", interrupted ? "interrupted"
                : stopReason == null ? "error" : stopReason);
        if (interrupted) {
            meta.add("interrupted", true);
        }
        String turn = sink.openTurn();
        if (turn != null) {
            sink.turnEnded(turn, usage, meta.build(), null);
        }
        error = null;
        errorDetails = null;
        stopReason = null;
        usage = TurnUsage.NONE;
    }
}
