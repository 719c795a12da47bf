package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.adapters.claude.RecordingSink.AgentExited;
import dev.sandboxagent.adapters.claude.RecordingSink.Error;
import dev.sandboxagent.adapters.claude.RecordingSink.SessionStarted;
import dev.sandboxagent.adapters.claude.RecordingSink.TurnEnded;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import dev.sandboxagent.core.testing.TestAgents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume: a stored conversation continues in a new claude process ({@code --resume}), through
 * the adapter and through a session created with the conversation's {@code nativeSessionId}.
 */
class ClaudeResumeTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static ClaudeFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ClaudeFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static AgentSessionSpec spec() {
        Path binary = TestAgents.ensureInstalled(f.adapter).binary();
        return AgentSessionSpec.builder("resumed", f.work).agentMode("build").permissionMode("default")
                .environment(f.env).binary(binary).build();
    }

    @Test
    void aSessionCreatedWithANativeSessionIdContinuesThatConversation() {
        f.engine.createSession("original", CreateSessionRequest.forAgent("claude"));
        assertThat(TurnRunner.lastText(TurnRunner.turn(f.engine, "original", FakeModelScript.REMEMBER)))
                .isEqualTo("I will remember 42.");
        String nativeId = f.engine.getSession("original").nativeSessionId();
        f.engine.terminate("original");

        f.engine.createSession("continued", new CreateSessionRequest("claude", null, null, null, null, null, null,
                null, null, null, nativeId));
        assertThat(f.engine.getSession("continued").nativeSessionId()).isEqualTo(nativeId);
        assertThat(TurnRunner.lastText(TurnRunner.turn(f.engine, "continued", FakeModelScript.RECALL))).isEqualTo("You told me 42.");
        f.engine.terminate("continued");
    }

    @Test
    void aStoredConversationContinuesInANewProcess() throws Exception {
        f.engine.createSession("first", CreateSessionRequest.forAgent("claude"));
        assertThat(TurnRunner.lastText(TurnRunner.turn(f.engine, "first", FakeModelScript.REMEMBER)))
                .isEqualTo("I will remember 42.");
        String nativeId = f.engine.getSession("first").nativeSessionId();
        f.engine.terminate("first");

        RecordingSink sink = new RecordingSink();
        AgentSession resumed = f.adapter.start(spec().toBuilder().resume(nativeId).build(), sink);
        try {
            assertThat(sink.of(SessionStarted.class).getFirst().nativeId()).isEqualTo(nativeId);
            resumed.sendMessage(new UserMessage("turn_1", FakeModelScript.RECALL, List.of()));
            sink.await(c -> c instanceof TurnEnded, WAIT);
            List<AgentItem> messages = sink.completed(ItemKind.MESSAGE);
            assertThat(messages.getLast().text()).isEqualTo("You told me 42.");
            assertThat(sink.of(SessionStarted.class)).extracting(SessionStarted::nativeId).containsOnly(nativeId);
            // the history of the first process went to the model again
            ModelRequest recall = f.fake.modelRequests().stream()
                    .filter(r -> r.prompt().equals(FakeModelScript.RECALL) && nativeId.equals(r.sessionId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no recall request under session " + nativeId));
            assertThat(recall.allPrompts()).contains(FakeModelScript.REMEMBER);
        } finally {
            resumed.close();
        }
        assertThat(sink.of(AgentExited.class)).as("close is not a crash").isEmpty();
    }

    @Test
    void anUnknownConversationIsAnErrorAndTheProcessExits() throws Exception {
        RecordingSink sink = new RecordingSink();
        String unknown = UUID.randomUUID().toString();
        AgentSession resumed = f.adapter.start(spec().toBuilder().resume(unknown).build(), sink);
        try {
            AgentExited exited = (AgentExited) sink.await(c -> c instanceof AgentExited, WAIT);
            assertThat(exited.exitCode()).isEqualTo(1);
            assertThat(exited.message()).contains("No conversation found with session ID: " + unknown);
            assertThat(exited.stderr().head()).contains("No conversation found");
            assertThat(sink.of(Error.class)).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("No conversation found"));
            assertThat(sink.of(TurnEnded.class)).isEmpty();
        } finally {
            resumed.close();
        }
    }
}
