package dev.sandboxagent.core.testing.stub;

import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test agent that is a real process: a small shell loop (one per session, in its own process
 * group) that answers each stdin line. {@code hang} waits (no output) until interrupted,
 * {@code deaf} waits and ignores interrupts (a child that ignores SIGTERM),
 * {@code crash} writes 300 stderr lines and SIGKILLs itself, {@code spawn} starts a background
 * child and prints its pid, anything else is echoed. Used by fault tests to crash, hang
 * and kill agents without needing a real CLI.
 */
public final class StubProcessAdapter implements AgentAdapter {

    public static final String ID = "stub";
    /** A word in the stub's command line, to find its processes. */
    public static final String MARKER = "sandbox-stub-agent";

    static final String SCRIPT = String.join("\n",
            ": " + MARKER,
            "while IFS= read -r line; do",
            "  case \"$line\" in",
            "    hang) sleep 100000 & wait $! ;;",
            "    deaf) sh -c \"trap '' TERM INT HUP; sleep 100000\" & wait $! ;;",
            "    crash) i=0; while [ $i -lt 300 ]; do echo \"stub stderr line $i\" >&2; i=$((i+1)); done; kill -9 $$ ;;",
            "    spawn) sleep 100000 & echo \"child $!\" ;;",
            "    *) echo \"$line\" ;;",
            "  esac",
            "  echo __END__",
            "done");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .textMessages()
                .build();
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(new AgentMode("default", "Default", "The stub's only mode"));
    }

    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(), null);
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        return new Session(spec, sink);
    }

    private static final class Session implements AgentSession {
        private final AgentEventSink sink;
        private final AgentProcess process;
        private final AtomicLong ids = new AtomicLong();

        Session(AgentSessionSpec spec, AgentEventSink sink) {
            this.sink = sink;
            this.process = AgentProcess.start(LaunchSpec.of(spec.directory(), "sh", "-c", SCRIPT, MARKER),
                    this::onLine, (code, stderr) -> sink.agentExited(code, null,
                            new StderrOutput(stderr.head(), stderr.tail(), stderr.totalLines(), stderr.truncated())));
            sink.sessionStarted("stub-" + process.pid(), null, null);
        }

        private void onLine(String line) {
            if (line.equals("__END__")) {
                sink.turnEnded(null, null);
            } else {
                sink.itemCompleted(AgentItem.text("stub_" + ids.incrementAndGet(), ItemRole.ASSISTANT, line), null);
            }
        }

        @Override
        public void sendMessage(UserMessage message) {
            process.writeLine(message.text().replace('\n', ' '));
        }

        @Override
        public void replyPermission(String permissionId, PermissionReply reply) {
            throw new UnsupportedOperationException("the stub never asks");
        }

        @Override
        public void replyQuestion(String questionId, List<List<String>> answers) {
            throw new UnsupportedOperationException("the stub never asks");
        }

        @Override
        public void rejectQuestion(String questionId) {
            throw new UnsupportedOperationException("the stub never asks");
        }

        /** Ends whatever the shell is waiting on (the hang's sleep); the shell then ends the turn. */
        @Override
        public void interrupt() {
            ProcessHandle.of(process.pid()).ifPresent(h -> h.children().forEach(ProcessHandle::destroy));
        }

        @Override
        public void close() {
            process.terminate(Duration.ofSeconds(2));
        }
    }
}
