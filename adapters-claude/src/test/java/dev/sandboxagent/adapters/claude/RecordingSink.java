package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records every sink call, in order; tests can wait for one to arrive. */
final class RecordingSink implements AgentEventSink {

    sealed interface Call {
    }

    record SessionStarted(String nativeId, JsonValue metadata) implements Call {
    }

    record ItemStarted(AgentItem item) implements Call {
    }

    record ItemDelta(String nativeId, String delta) implements Call {
    }

    record ItemCompleted(AgentItem item) implements Call {
    }

    record PermissionRequested(String id, String action, JsonValue metadata) implements Call {
    }

    record QuestionRequested(String id, String prompt, List<String> options) implements Call {
    }

    record RequestWithdrawn(String id, String reason) implements Call {
    }

    record Error(String message, String code, JsonValue details) implements Call {
    }

    record Unparsed(String error, String location, String raw) implements Call {
    }

    record TurnEnded(JsonValue metadata, TurnUsage usage) implements Call {
    }

    record AgentExited(Integer exitCode, String message, StderrOutput stderr) implements Call {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Call> withoutRaw = new ArrayList<>();

    /** Calls that came without the agent's raw message. */
    synchronized List<Call> withoutRaw() {
        return List.copyOf(withoutRaw);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    <T extends Call> List<T> of(Class<T> type) {
        return calls().stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<AgentItem> completed(ItemKind kind) {
        return of(ItemCompleted.class).stream().map(ItemCompleted::item).filter(i -> i.kind() == kind).toList();
    }

    /** Waits until a recorded call matches; fails after {@code timeout}. */
    synchronized Call await(Predicate<Call> match, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        while (true) {
            for (; seen < calls.size(); seen++) {
                if (match.test(calls.get(seen))) {
                    return calls.get(seen);
                }
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError("no matching sink call within " + timeout + "; got " + calls);
            }
            wait(left);
        }
    }

    private synchronized void add(Call call) {
        calls.add(call);
        notifyAll();
    }

    private synchronized void add(Call call, JsonValue raw) {
        if (raw == null) {
            withoutRaw.add(call);
        }
        add(call);
    }

    @Override
    public void sessionStarted(String nativeSessionId, JsonValue metadata, JsonValue raw) {
        add(new SessionStarted(nativeSessionId, metadata));
    }

    @Override
    public void itemStarted(AgentItem item, JsonValue raw) {
        add(new ItemStarted(item), raw);
    }

    @Override
    public void itemDelta(String nativeId, String delta, JsonValue raw) {
        add(new ItemDelta(nativeId, delta), raw);
    }

    @Override
    public void itemCompleted(AgentItem item, JsonValue raw) {
        add(new ItemCompleted(item), raw);
    }

    @Override
    public void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw) {
        add(new PermissionRequested(permissionId, action, metadata), raw);
    }

    @Override
    public void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        add(new QuestionRequested(questionId, prompt, options), raw);
    }

    @Override
    public void requestWithdrawn(String requestId, String reason, JsonValue raw) {
        add(new RequestWithdrawn(requestId, reason), raw);
    }

    @Override
    public void error(String message, String code, JsonValue details, JsonValue raw) {
        add(new Error(message, code, details), raw);
    }

    @Override
    public void unparsed(String error, String location, String rawText) {
        add(new Unparsed(error, location, rawText));
    }

    @Override
    public void turnEnded(TurnUsage usage, JsonValue metadata, JsonValue raw) {
        add(new TurnEnded(metadata, usage), raw);
    }

    @Override
    public void agentExited(Integer exitCode, String message, StderrOutput stderr) {
        add(new AgentExited(exitCode, message, stderr));
    }
}
