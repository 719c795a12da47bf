package dev.example.tiny;

import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One session of a tiny agent: each message gets one reply, then the turn ends. */
final class TinySession implements AgentSession {

    static final AgentCapabilities CAPABILITIES = AgentCapabilities.builder()
            .textMessages()
            .sessionLifecycle()
            .build();

    private final AgentEventSink sink;
    private final String prefix;
    private final AtomicInteger replies = new AtomicInteger();

    TinySession(AgentSessionSpec spec, AgentEventSink sink, String prefix) {
        this.sink = sink;
        this.prefix = prefix;
        sink.sessionStarted("tiny-" + spec.sessionId(), JsonValue.EMPTY_JSON_OBJECT, null);
    }

    @Override
    public void sendMessage(UserMessage message) {
        Thread.ofVirtual().start(() -> {
            String id = "reply-" + replies.incrementAndGet();
            sink.itemCompleted(AgentItem.text(id, ItemRole.ASSISTANT, prefix + message.text()), null);
            sink.turnEnded(JsonValue.EMPTY_JSON_OBJECT, null);
        });
    }

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        throw new IllegalStateException("tiny never asks for permission");
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        throw new IllegalStateException("tiny never asks questions");
    }

    @Override
    public void rejectQuestion(String questionId) {
        throw new IllegalStateException("tiny never asks questions");
    }

    @Override
    public void interrupt() {
        // a tiny turn is over at once
    }

    @Override
    public void close() {
        // nothing to end
    }
}
