package dev.sandboxagent.core.testing;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every sink call in order, for tests that drive an adapter's translator or session
 * directly (without the normaliser). Thread-safe; tests can wait for a call to arrive. Like core,
 * it keeps the turn record adapters read ({@link #openTurn()}, {@link #interruptRequested()}):
 * a test opens a turn with {@link #beginTurn} where the engine would, and any {@code turnEnded}
 * closes it. Every {@code turnEnded} the adapter reports is recorded (what the agent said), except
 * the turn-scoped one for a turn that is not open (which core ignores too).
 */
public final class RecordingSink implements AgentEventSink {

    /**
     * One call: the method's name and its arguments. {@code id} is the call's identifying string
     * (native session id, native item id, permission or question id (also of a withdrawal), error code, unparsed location,
     * exit code; for a turn end, the turn open when it came, null when none was: core ignores such an end);
     * {@code text} its text (delta, action, prompt, withdrawal reason, message, unparsed error);
     * {@code data} its JSON (metadata, details); {@code raw} the agent's message (for unparsed:
     * the raw text as a JSON string).
     */
    public record Call(String method, String id, AgentItem item, String text, List<String> options, JsonValue data,
                       JsonValue raw) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<TurnUsage> usages = new ArrayList<>();
    private final List<StderrOutput> exitStderr = new ArrayList<>();
    private String openTurn;
    private boolean interruptRequested;

    /** Opens turn {@code turnId}, as the engine does before {@code sendMessage}; returns this sink. */
    public synchronized RecordingSink beginTurn(String turnId) {
        openTurn = turnId;
        interruptRequested = false;
        return this;
    }

    /** A client asks to interrupt the open turn, as the engine records it before {@code interrupt()}. */
    public synchronized void requestInterrupt() {
        interruptRequested = openTurn != null;
    }

    @Override
    public synchronized String openTurn() {
        return openTurn;
    }

    @Override
    public synchronized boolean interruptRequested() {
        return interruptRequested;
    }

    /** The usage of each turn end, in order. */
    public synchronized List<TurnUsage> usages() {
        return List.copyOf(usages);
    }

    /** The stderr of each {@code agentExited}, in order (null where none was given). */
    public synchronized List<StderrOutput> exitStderr() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(exitStderr));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method, e.g. {@code of("itemCompleted")}. */
    public synchronized List<Call> of(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public synchronized List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    /** The items of started and completed calls, in order. */
    public synchronized List<AgentItem> items() {
        return calls.stream().filter(c -> c.item() != null).map(Call::item).toList();
    }

    /** The completed items of {@code kind}, in order. */
    public List<AgentItem> completed(ItemKind kind) {
        return of("itemCompleted").stream().map(Call::item).filter(i -> i.kind() == kind).toList();
    }

    /** Texts of completed items that have text, in order. */
    public List<String> completedTexts() {
        return of("itemCompleted").stream().map(c -> c.item().text()).filter(t -> !t.isEmpty()).toList();
    }

    /** Calls that came without the agent's raw message (lifecycle and unparsed calls never have one). */
    public synchronized List<Call> withoutRaw() {
        return calls.stream().filter(c -> c.raw() == null
                && !List.of("sessionStarted", "unparsed", "agentExited").contains(c.method())).toList();
    }

    /** Waits until a call matching {@code match} was recorded; fails after {@code timeout}. */
    public synchronized Call await(Predicate<Call> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Call c : calls) {
                if (match.test(c)) {
                    return c;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching sink call within " + timeout + "; got " + methods());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private synchronized void add(String method, String id, AgentItem item, String text, List<String> options,
                                  JsonValue data, JsonValue raw) {
        calls.add(new Call(method, id, item, text, options, data, raw));
        notifyAll();
    }

    @Override
    public void sessionStarted(String nativeSessionId, JsonValue metadata, JsonValue raw) {
        add("sessionStarted", nativeSessionId, null, null, null, metadata, raw);
    }

    @Override
    public void itemStarted(AgentItem item, JsonValue raw) {
        add("itemStarted", item.nativeId(), item, null, null, null, raw);
    }

    @Override
    public void itemDelta(String nativeItemId, String delta, JsonValue raw) {
        add("itemDelta", nativeItemId, null, delta, null, null, raw);
    }

    @Override
    public void itemCompleted(AgentItem item, JsonValue raw) {
        add("itemCompleted", item.nativeId(), item, null, null, null, raw);
    }

    @Override
    public void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw) {
        add("permissionRequested", permissionId, null, action, null, metadata, raw);
    }

    @Override
    public void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        add("questionRequested", questionId, null, prompt, options, null, raw);
    }

    @Override
    public void requestWithdrawn(String requestId, String reason, JsonValue raw) {
        add("requestWithdrawn", requestId, null, reason, null, null, raw);
    }

    @Override
    public void error(String message, String code, JsonValue details, JsonValue raw) {
        add("error", code, null, message, null, details, raw);
    }

    @Override
    public void unparsed(String error, String location, String rawText) {
        add("unparsed", location, null, error, null, null, Jsons.value(rawText));
    }

    @Override
    public synchronized void turnEnded(TurnUsage usage, JsonValue metadata, JsonValue raw) {
        usages.add(usage);
        String turn = openTurn;
        openTurn = null;
        interruptRequested = false;
        add("turnEnded", turn, null, null, null, metadata, raw);
    }

    @Override
    public synchronized void turnEnded(String turnId, TurnUsage usage, JsonValue metadata, JsonValue raw) {
        if (turnId != null && turnId.equals(openTurn)) {
            turnEnded(usage, metadata, raw);
        }
    }

    @Override
    public synchronized void agentExited(Integer exitCode, String message, StderrOutput stderr) {
        exitStderr.add(stderr);
        add("agentExited", String.valueOf(exitCode), null, message, null, null, null);
    }
}
