package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.adapters.acp.fake.Scenario;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.testing.AgentProcesses;
import dev.sandboxagent.core.testing.RecordingSink;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import static dev.sandboxagent.adapters.acp.AcpSessions.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gemini CLI through the adapter, beyond the conformance kit: model API errors, and resuming by native id. */
class GeminiSessionTest {

    @Test
    void modelApiErrorsAreErrorEventsAndTheSessionGoesOn() throws Exception {
        try (AcpTestEnv env = AcpTestEnv.gemini()) {
            errorsThenText(env);
        }
    }

    private static void errorsThenText(AcpTestEnv env) throws Exception {
        RecordingSink sink = new RecordingSink();
        AgentSession s = env.adapter.start(AcpSessions.spec(env, "errors"), sink);
        try {
            for (Scenario error : new Scenario[] {Scenario.ERROR401, Scenario.ERROR429, Scenario.ERROR500}) {
                int before = sink.of("error").size();
                turn(s, sink, "t-" + error, error, "");
                assertThat(sink.of("error")).as("an error event for " + error).hasSizeGreaterThan(before);
                assertThat(sink.of("error").getLast().text()).contains(String.valueOf(error.httpStatus()));
            }
            turn(s, sink, "t-text", Scenario.TEXT, "");
            assertThat(sink.completedTexts()).last().isEqualTo(Scenario.ANSWER);
            assertThat(sink.methods()).doesNotContain("agentExited");
        } finally {
            s.close();
        }
    }

    /**
     * A conversation continues in a new process (session/load). Gemini CLI 0.61.0 names its chat
     * file by the minute a process starts it; loading in the same minute as the conversation began
     * overwrites that file, so the second process starts in the next minute (see docs/agents/gemini.md).
     */
    @Test
    void aConversationContinuesInANewProcess() throws Exception {
        try (AcpTestEnv env = AcpTestEnv.gemini()) {
            resumeInANewProcess(env);
        }
    }

    private static void resumeInANewProcess(AcpTestEnv env) throws Exception {
        AgentSessionSpec spec = AcpSessions.spec(env, "resume");
        RecordingSink first = new RecordingSink();
        LocalDateTime began = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES);
        AgentSession one = env.adapter.start(spec, first);
        String nativeId = first.of("sessionStarted").getFirst().id();
        turn(one, first, "t1", Scenario.HISTORY, " (first process)");
        one.close();
        assertThat(first.completedTexts()).contains(Scenario.historyAnswer(1));

        while (!LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).isAfter(began)) {
            Thread.sleep(500); // at most a minute: Gemini's file naming, see above
        }
        RecordingSink second = new RecordingSink();
        AgentSession two = env.adapter.start(spec.toBuilder().resume(nativeId).build(), second);
        try {
            var started = second.of("sessionStarted").getFirst();
            assertThat(started.id()).isEqualTo(nativeId);
            assertThat(Jsons.object(started.data()).getBoolean("resumed")).isTrue();
            turn(two, second, "t2", Scenario.HISTORY, " (second process)");
            assertThat(second.completedTexts()).containsExactly(Scenario.historyAnswer(2));
        } finally {
            two.close();
        }

        // an unknown id fails the start with the agent's reason, and leaves no process behind
        assertThatThrownBy(() -> env.adapter.start(spec.toBuilder().resume("00000000-0000-4000-8000-000000000000")
                .build(), new RecordingSink())).hasMessageContaining("session/load");
        assertThat(AgentProcesses.matching("gemini")).isEmpty();
    }
}
