package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/** Records every sink call, in order, for translator tests. */
final class RecordingSink implements AgentEventSink {

    /** One call: its method name and arguments (items, texts, JSON). */
    record Call(String method, AgentItem item, String text, String code, JsonValue json, JsonValue raw) {
    }

    final List<Call> calls = new ArrayList<>();

    List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    List<AgentItem> items() {
        return calls.stream().filter(c -> c.item() != null).map(Call::item).toList();
    }

    List<Call> of(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    @Override
    public void sessionStarted(String nativeSessionId, JsonValue metadata, JsonValue raw) {
        calls.add(new Call("sessionStarted", null, nativeSessionId, null, metadata, raw));
    }

    @Override
    public void itemStarted(AgentItem item, JsonValue raw) {
        calls.add(new Call("itemStarted", item, null, null, null, raw));
    }

    @Override
    public void itemDelta(String nativeId, String delta, JsonValue raw) {
        calls.add(new Call("itemDelta", null, delta, nativeId, null, raw));
    }

    @Override
    public void itemCompleted(AgentItem item, JsonValue raw) {
        calls.add(new Call("itemCompleted", item, null, null, null, raw));
    }

    @Override
    public void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw) {
        calls.add(new Call("permissionRequested", null, action, permissionId, metadata, raw));
    }

    @Override
    public void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        calls.add(new Call("questionRequested", null, prompt, questionId, null, raw));
    }

    @Override
    public void error(String message, String code, JsonValue details, JsonValue raw) {
        calls.add(new Call("error", null, message, code, details, raw));
    }

    @Override
    public void unparsed(String error, String location, String rawText) {
        calls.add(new Call("unparsed", null, rawText, error, null, null));
    }

    @Override
    public void turnEnded(JsonValue metadata, JsonValue raw) {
        calls.add(new Call("turnEnded", null, null, null, metadata, raw));
    }

    @Override
    public void agentExited(Integer exitCode, String message, StderrOutput stderr) {
        calls.add(new Call("agentExited", null, message, String.valueOf(exitCode), null, null));
    }
}
