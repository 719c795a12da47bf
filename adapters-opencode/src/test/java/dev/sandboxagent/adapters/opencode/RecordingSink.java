package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/** An AgentEventSink that keeps every call, for translator tests. */
final class RecordingSink implements AgentEventSink {

    /** One sink call: its method name and the interesting arguments. */
    record Call(String method, String id, AgentItem item, String text, List<String> options, JsonValue data,
                JsonValue raw) {
    }

    final List<Call> calls = new ArrayList<>();

    List<Call> of(String method) {
        return calls.stream().filter(c -> c.method.equals(method)).toList();
    }

    @Override
    public void sessionStarted(String nativeSessionId, JsonValue metadata, JsonValue raw) {
        calls.add(new Call("sessionStarted", nativeSessionId, null, null, null, metadata, raw));
    }

    @Override
    public void itemStarted(AgentItem item, JsonValue raw) {
        calls.add(new Call("itemStarted", item.nativeId(), item, null, null, null, raw));
    }

    @Override
    public void itemDelta(String nativeId, String delta, JsonValue raw) {
        calls.add(new Call("itemDelta", nativeId, null, delta, null, null, raw));
    }

    @Override
    public void itemCompleted(AgentItem item, JsonValue raw) {
        calls.add(new Call("itemCompleted", item.nativeId(), item, null, null, null, raw));
    }

    @Override
    public void permissionRequested(String permissionId, String action, JsonValue metadata, JsonValue raw) {
        calls.add(new Call("permissionRequested", permissionId, null, action, null, metadata, raw));
    }

    @Override
    public void questionRequested(String questionId, String prompt, List<String> options, JsonValue raw) {
        calls.add(new Call("questionRequested", questionId, null, prompt, options, null, raw));
    }

    @Override
    public void error(String message, String code, JsonValue details, JsonValue raw) {
        calls.add(new Call("error", code, null, message, null, details, raw));
    }

    @Override
    public void unparsed(String error, String location, String rawText) {
        calls.add(new Call("unparsed", location, null, error + " | " + rawText, null, null, null));
    }

    @Override
    public void turnEnded(JsonValue metadata, JsonValue raw) {
        calls.add(new Call("turnEnded", null, null, null, null, metadata, raw));
    }

    @Override
    public void agentExited(Integer exitCode, String message, StderrOutput stderr) {
        calls.add(new Call("agentExited", String.valueOf(exitCode), null, message, null, null, null));
    }
}
