package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * claude's {@code can_use_tool} control requests, as permissions and questions of the universal
 * schema, and the answers written back. The CLI's request id is the permission / question id.
 *
 * <ul>
 *   <li>{@code AskUserQuestion}: a question; the answers go back as {@code updatedInput.answers}
 *       (question text → chosen labels joined by ", "), a rejection as a deny.</li>
 *   <li>{@code ExitPlanMode}: a question whether to approve the plan; approving allows the call
 *       (claude leaves plan mode), anything else denies it.</li>
 *   <li>any other tool: a permission; allowed with the original input (claude requires it),
 *       "always" also with claude's own permission suggestions, "reject" denied.</li>
 * </ul>
 */
final class ClaudeRequests implements ClaudeTranslator.Control {

    static final String APPROVE = "Approve";
    static final String KEEP_PLANNING = "Keep planning";

    private enum Kind { PERMISSION, ASK, PLAN }

    private record Pending(Kind kind, JsonObject input, JsonArray suggestions, List<String> questions) {
    }

    private final AgentEventSink sink;
    private final Consumer<String> stdin;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** {@code stdin} writes one line to the CLI. */
    ClaudeRequests(AgentEventSink sink, Consumer<String> stdin) {
        this.sink = sink;
        this.stdin = stdin;
    }

    @Override
    public void canUseTool(String requestId, JsonObject request, JsonObject raw) {
        String tool = String.valueOf(Jsons.string(request, "tool_name"));
        JsonObject input = Jsons.object(request, "input");
        switch (tool) {
            case "AskUserQuestion" -> {
                List<QuestionEventData.SubQuestion> questions = new ArrayList<>();
                for (JsonValue v : Jsons.array(input, "questions")) {
                    if (v instanceof JsonObject q) {
                        questions.add(new QuestionEventData.SubQuestion(String.valueOf(Jsons.string(q, "question")),
                                Jsons.string(q, "header"), Jsons.array(q, "options").stream().map(o -> o instanceof JsonObject opt
                                        ? String.valueOf(Jsons.string(opt, "label")) : o.toString()).toList(),
                                Jsons.bool(q, "multiSelect")));
                    }
                }
                pending.put(requestId, new Pending(Kind.ASK, input, null,
                        questions.stream().map(QuestionEventData.SubQuestion::question).toList()));
                // One universal question carries all of claude's questions, each with its own
                // options; answers[i] answers question i.
                sink.questionsRequested(requestId, questions, raw);
            }
            case "ExitPlanMode" -> {
                pending.put(requestId, new Pending(Kind.PLAN, input, null, List.of()));
                String plan = Jsons.string(input, "plan");
                sink.questionRequested(requestId, "Approve this plan?" + (plan != null ? "\n\n" + plan : ""),
                        List.of(APPROVE, KEEP_PLANNING), raw);
            }
            default -> {
                pending.put(requestId, new Pending(Kind.PERMISSION, input, Jsons.array(request, "permission_suggestions"),
                        List.of()));
                var metadata = Jsons.JSON.createObjectBuilder(request);
                metadata.remove("subtype");
                sink.permissionRequested(requestId, tool, metadata.build(), raw);
            }
        }
    }

    @Override
    public void cancelRequest(String requestId, JsonObject raw) {
        // claude withdrew the request (e.g. the turn was interrupted): core resolves it now if it
        // is still open (unknown or answered ids it ignores), and refuses answers to it from here on (409).
        if (requestId != null) {
            pending.remove(requestId);
            sink.requestWithdrawn(requestId, "claude cancelled its request", raw);
        }
    }

    @Override
    public void unsupportedRequest(String requestId, JsonObject request, JsonObject raw) {
        String subtype = Jsons.string(request, "subtype");
        if (requestId != null) {
            stdin.accept(ClaudeProtocol.error(requestId, "unsupported control request: " + subtype));
        }
        sink.unparsed("unsupported control request '" + subtype + "' (answered with an error)", "stdout",
                raw.toString());
    }

    void replyPermission(String id, PermissionReply reply) {
        Pending p = take(id);
        if (p == null) {
            return;
        }
        stdin.accept(switch (reply) {
            case ONCE -> ClaudeProtocol.allow(id, p.input(), null);
            case ALWAYS -> ClaudeProtocol.allow(id, p.input(), forThisSession(p.suggestions()));
            case REJECT -> ClaudeProtocol.deny(id, "The user rejected this tool use.");
        });
    }

    void replyQuestion(String id, List<List<String>> answers) {
        Pending p = take(id);
        if (p == null) {
            return;
        }
        if (p.kind() == Kind.PLAN) {
            String answer = answers.isEmpty() || answers.getFirst().isEmpty() ? "" : answers.getFirst().getFirst();
            stdin.accept(APPROVE.equalsIgnoreCase(answer.strip())
                    ? ClaudeProtocol.allow(id, p.input(), null)
                    : ClaudeProtocol.deny(id, "The user did not approve the plan" + (answer.isBlank() ? "." : ": " + answer)));
            return;
        }
        var map = Jsons.JSON.createObjectBuilder();
        for (int i = 0; i < p.questions().size() && i < answers.size(); i++) {
            map.add(p.questions().get(i), String.join(", ", answers.get(i)));
        }
        stdin.accept(ClaudeProtocol.allow(id, Jsons.JSON.createObjectBuilder(p.input()).add("answers", map).build(), null));
    }

    void rejectQuestion(String id) {
        Pending p = take(id);
        if (p == null) {
            return;
        }
        stdin.accept(ClaudeProtocol.deny(id, p.kind() == Kind.PLAN ? "The user rejected the plan."
                : "The user declined to answer."));
    }

    /**
     * What claude needs back to answer request {@code id} (its input, suggestions or questions),
     * forgotten once used. Each answer is claimed once, by core ({@code PendingRequests}: unknown,
     * withdrawn and already answered ids are refused before the adapter hears them); null only
     * when claude withdrew the request while core was handing over an answer it had claimed.
     */
    private Pending take(String id) {
        return pending.remove(id);
    }

    /**
     * "always" means for this session: claude's suggestions may name settings files as their
     * destination (which would also change the user's project, and which claude ignores in an
     * untrusted workspace), so every suggestion is kept for the session instead.
     */
    static JsonArray forThisSession(JsonArray suggestions) {
        var out = Jsons.JSON.createArrayBuilder();
        if (suggestions != null) {
            for (JsonValue v : suggestions) {
                out.add(v instanceof JsonObject o ? Jsons.JSON.createObjectBuilder(o).add("destination", "session").build() : v);
            }
        }
        return out.build();
    }
}
