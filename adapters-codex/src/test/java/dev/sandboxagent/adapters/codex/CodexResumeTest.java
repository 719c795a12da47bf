package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import dev.sandboxagent.core.testing.AgentProcesses;
import dev.sandboxagent.core.testing.TestAgents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.sandboxagent.adapters.codex.fake.FakeScript.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A known codex thread continues in a new app-server process ({@code thread/resume}). */
class CodexResumeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aThreadContinuesInANewProcess() throws Exception {
        try (CodexTestEnv env = new CodexTestEnv()) {
            AgentSessionSpec spec = AgentSessionSpec.builder("resume-test", env.workDir).agentMode("build")
                    .permissionMode("default").environment(env.env)
                    .binary(TestAgents.ensureInstalled(env.adapter).binary()).build();

            RecordingSink first = new RecordingSink();
            AgentSession one = env.adapter.start(spec, first);
            String thread = first.of("sessionStarted").getFirst().id();
            one.sendMessage(new UserMessage(first.beginTurn("t1").openTurn(), prompt("history") + " (first process)", List.of()));
            first.await(c -> c.method().equals("turnEnded"), TIMEOUT);
            one.close();
            assertThat(first.completedTexts()).contains("I have seen 1 prompts.");

            RecordingSink second = new RecordingSink();
            AgentSession two = env.adapter.start(spec.toBuilder().resume(thread).build(), second);
            try {
                var started = second.of("sessionStarted").getFirst();
                assertThat(started.id()).isEqualTo(thread);
                assertThat(started.data().asJsonObject().getBoolean("resumed")).isTrue();
                two.sendMessage(new UserMessage(second.beginTurn("t2").openTurn(), prompt("history") + " (second process)", List.of()));
                second.await(c -> c.method().equals("turnEnded"), TIMEOUT);
                assertThat(second.completedTexts()).contains("I have seen 2 prompts.");
                assertThat(second.methods()).doesNotContain("agentExited");
            } finally {
                two.close();
            }

            // an unknown thread fails the start with codex's reason, and leaves no process behind
            assertThatThrownBy(() -> env.adapter.start(
                    spec.toBuilder().resume("01a21dd7-0000-7000-8000-000000000000").build(), new RecordingSink()))
                    .hasMessageContaining("thread/resume").hasMessageContaining("did not start a session");
            assertThat(AgentProcesses.matching("app-server")).isEmpty();
        }
    }
}
