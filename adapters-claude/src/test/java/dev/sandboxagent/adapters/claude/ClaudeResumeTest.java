package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.RecordingSink.Call;
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
            assertThat(sink.of("sessionStarted").getFirst().id()).isEqualTo(nativeId);
            sink.beginTurn("turn_1");
            resumed.sendMessage(new UserMessage("turn_1", FakeModelScript.RECALL, List.of()));
            sink.await(c -> c.method().equals("turnEnded"), WAIT);
            List<AgentItem> messages = sink.completed(ItemKind.MESSAGE);
            assertThat(messages.getLast().text()).isEqualTo("You told me 42.");
            assertThat(sink.of("sessionStarted")).extracting(Call::id).containsOnly(nativeId);
            // the history of the first process went to the model again
            ModelRequest recall = f.fake.modelRequests().stream()
                    .filter(r -> r.prompt().equals(FakeModelScript.RECALL) && nativeId.equals(r.sessionId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no recall request under session " + nativeId));
            assertThat(recall.allPrompts()).contains(FakeModelScript.REMEMBER);
        } finally {
            resumed.close();
        }
        assertThat(sink.of("agentExited")).as("close is not a crash").isEmpty();
    }

    @Test
    void anUnknownConversationIsAnErrorAndTheProcessExits() throws Exception {
        RecordingSink sink = new RecordingSink();
        String unknown = UUID.randomUUID().toString();
        AgentSession resumed = f.adapter.start(spec().toBuilder().resume(unknown).build(), sink);
        try {
            Call exited = sink.await(c -> c.method().equals("agentExited"), WAIT);
            assertThat(exited.id()).isEqualTo("1");
            assertThat(exited.text()).contains("No conversation found with session ID: " + unknown);
            assertThat(sink.exitStderr().getFirst().head()).contains("No conversation found");
            assertThat(sink.of("error")).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("No conversation found"));
            assertThat(sink.of("turnEnded")).extracting(Call::id).as("claude's result for no message: core ignores it")
                    .containsOnly((String) null);
        } finally {
            resumed.close();
        }
    }
}
