package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.adapters.acp.fake.Scenario;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.testing.AgentProcesses;
import dev.sandboxagent.core.testing.RecordingSink;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import static dev.sandboxagent.adapters.acp.AcpSessions.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenarios beyond the conformance kit that every ACP agent of the table must pass with its real CLI. */
final class AcpSessionChecks {

    private AcpSessionChecks() {
    }

    /**
     * 401, 429 and 500 from the model API are error events naming the status, each in a session of
     * its own. {@code recovers}: the session then answers text (Gemini CLI); Qwen Code fails every
     * later prompt of the session with the same error (see docs/agents/qwen.md).
     */
    static void errorsThenText(AcpTestEnv env, boolean recovers) throws Exception {
        for (Scenario error : new Scenario[] {Scenario.ERROR401, Scenario.ERROR429, Scenario.ERROR500}) {
            RecordingSink sink = new RecordingSink();
            AgentSession s = env.adapter.start(AcpSessions.spec(env, "errors-" + error), sink);
            try {
                errorTurn(s, sink, error);
                if (recovers) {
                    turn(s, sink, "t-text", Scenario.TEXT, "");
                    assertThat(sink.completedTexts()).last().isEqualTo(Scenario.ANSWER);
                }
                assertThat(sink.methods()).doesNotContain("agentExited");
            } finally {
                s.close();
            }
        }
    }

    private static void errorTurn(AgentSession s, RecordingSink sink, Scenario error) throws Exception {
        int before = sink.of("error").size();
        turn(s, sink, "t-" + error, error, "");
        assertThat(sink.of("error")).as("an error event for " + error).hasSizeGreaterThan(before);
        assertThat(sink.of("error").getLast().text()).as("%s", sink.calls())
                .contains(String.valueOf(error.httpStatus()));
    }

    /**
     * A conversation continues in a new process (session/load), and an unknown id fails the start
     * leaving no process whose command line has {@code processNeedle}. {@code nextMinute}: start the
     * second process in a later minute than the first (Gemini CLI, see docs/agents/gemini.md).
     */
    static void resumeInANewProcess(AcpTestEnv env, String processNeedle, boolean nextMinute) throws Exception {
        AgentSessionSpec spec = AcpSessions.spec(env, "resume");
        RecordingSink first = new RecordingSink();
        LocalDateTime began = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES);
        AgentSession one = env.adapter.start(spec, first);
        String nativeId = first.of("sessionStarted").getFirst().id();
        turn(one, first, "t1", Scenario.HISTORY, " (first process)");
        one.close();
        assertThat(first.completedTexts()).contains(Scenario.historyAnswer(1));

        while (nextMinute && !LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).isAfter(began)) {
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
        assertThat(AgentProcesses.matching(processNeedle)).isEmpty();
    }
}
