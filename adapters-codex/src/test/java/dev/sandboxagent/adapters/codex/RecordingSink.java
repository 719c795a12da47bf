package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records every sink call in order, for tests that drive an adapter session or the translator directly. */
final class RecordingSink implements AgentEventSink {

    /** One call: which method, the item or ids/texts it carried, and its raw JSON. */
    record Call(String method, AgentItem item, String id, String text, JsonValue data, JsonValue raw) {
    }

    private final List<Call> calls = new ArrayList<>();

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    synchronized List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    /** Waits until a call matching {@code p} was recorded. */
    Call await(Predicate<Call> p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Call c : calls) {
                    if (p.test(c)) {
                        return c;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching sink call; got " + methods());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private synchronized void add(Call c) {
        calls.add(c);
        notifyAll();
    }

    @Override
    public void sessionStarted(String nativeSessionId, JsonValue metadata, JsonValue raw) {
        add(new Call("sessionStarted", null, nativeSessionId, null, metadata, raw));
    }

    @Override
    public void itemStarted(AgentItem item, JsonValue raw) {
        add(new Call("itemStarted", item, item.nativeId(), null, null, raw));
    }

    @Override
    public void itemDelta(String nativeId, String delta, JsonValue raw) {
        add(new Call("itemDelta", null, nativeId, delta, null, raw));
    }

    @Override
    public void itemCompleted(AgentItem item, JsonValue raw) {
        add(new Call("itemCompleted", item, item.nativeId(), null, null, raw));
    }

    @Override
    public void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw) {
        add(new Call("permissionRequested", null, permissionId, action, metadata, raw));
    }

    @Override
    public void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        add(new Call("questionRequested", null, questionId, prompt + " " + options, null, raw));
    }

    @Override
    public void error(String message, String code, JsonValue details, JsonValue raw) {
        add(new Call("error", null, code, message, details, raw));
    }

    @Override
    public void unparsed(String error, String location, String rawText) {
        add(new Call("unparsed", null, location, error, JsonValue.NULL, jakarta.json.Json.createValue(rawText)));
    }

    @Override
    public void turnEnded(JsonValue metadata, JsonValue raw) {
        add(new Call("turnEnded", null, null, null, metadata, raw));
    }

    @Override
    public void agentExited(Integer exitCode, String message, StderrOutput stderr) {
        add(new Call("agentExited", null, String.valueOf(exitCode), message, null, null));
    }

    /** Texts of completed items, in order. */
    synchronized List<String> completedTexts() {
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals("itemCompleted") && !c.item().text().isEmpty()) {
                out.add(c.item().text());
            }
        }
        return out;
    }
}
