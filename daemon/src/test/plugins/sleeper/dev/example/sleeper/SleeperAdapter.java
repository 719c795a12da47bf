package dev.example.sleeper;

import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A test agent that is a process with children (a shell, two sub-shells carrying the marker
 * "sandbox-sleeper-agent" in their command lines, and their "sleep 100007" children), started through core's AgentProcess like real
 * agents are. Used to prove that no agent process outlives its daemon.
 */
public final class SleeperAdapter implements AgentAdapter {

    @Override
    public String id() {
        return "sleeper";
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .textMessages()
                .build();
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(new AgentMode("default", "Default", "sleeps"));
    }

    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(), null);
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        String child = "sh -c 'sleep 100007' sandbox-sleeper-agent & ";
        String script = child + child + "while read line; do echo \"$line\"; done; wait";
        AgentProcess process = AgentProcess.start(LaunchSpec.of(spec.directory(), "sh", "-c", script,
                "sandbox-sleeper-agent"), line -> {
                    sink.itemCompleted(AgentItem.text(null, ItemRole.ASSISTANT, line), null);
                    sink.turnEnded(null, null);
                }, (code, stderr) -> sink.agentExited(code, null, null));
        return new AgentSession() {
            @Override
            public void sendMessage(UserMessage message) {
                process.writeLine(message.text());
            }

            @Override
            public void replyPermission(String permissionId, PermissionReply reply) {
                throw new IllegalStateException("never asks");
            }

            @Override
            public void replyQuestion(String questionId, List<List<String>> answers) {
                throw new IllegalStateException("never asks");
            }

            @Override
            public void rejectQuestion(String questionId) {
                throw new IllegalStateException("never asks");
            }

            @Override
            public void interrupt() {
            }

            @Override
            public void close() {
                process.terminate(Duration.ofSeconds(2));
            }
        };
    }
}
