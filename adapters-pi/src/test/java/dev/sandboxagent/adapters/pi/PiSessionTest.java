package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.adapters.pi.fake.ChatScript;
import dev.sandboxagent.adapters.pi.fake.FakeChatCompletions;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import dev.sandboxagent.core.testing.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter with the real pi CLI against the fake model API, below the engine. */
class PiSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static PiTestEnvironment env;

    @BeforeAll
    static void setUp() throws Exception {
        env = new PiTestEnvironment();
    }

    @AfterAll
    static void tearDown() {
        env.close();
    }

    /** Runs one turn on a new session of {@code spec} (opened in the sink as the engine would); returns what the sink got. */
    private static RecordingSink oneTurn(AgentSessionSpec spec, String prompt) throws Exception {
        RecordingSink sink = new RecordingSink();
        AgentSession session = env.adapter.start(spec, sink);
        try {
            sink.beginTurn("t1");
            session.sendMessage(new UserMessage("t1", prompt, List.of()));
            sink.await(c -> c.method().equals("turnEnded"), TIMEOUT);
        } finally {
            session.close();
        }
        return sink;
    }

    private static List<String> toolsOfLastRequest() {
        List<FakeChatCompletions.Request> requests = env.api.requests();
        return requests.getLast().body().getJsonArray("tools").stream()
                .map(t -> t.asJsonObject().getJsonObject("function").getString("name")).toList();
    }

    @Test
    void aConversationContinuesInANewProcessByItsId() throws Exception {
        RecordingSink first = oneTurn(env.spec("resume-1").build(), ChatScript.HISTORY);
        String id = first.of("sessionStarted").getFirst().id();
        assertThat(first.completedTexts()).contains("I have seen 1 prompts.");

        RecordingSink second = oneTurn(env.spec("resume-1").resume(id).build(), ChatScript.HISTORY);
        assertThat(second.of("sessionStarted").getFirst().id()).isEqualTo(id);
        assertThat(second.completedTexts()).contains("I have seen 2 prompts.");
        assertThat(second.methods()).doesNotContain("agentExited", "error");
    }

    @Test
    void anUnknownSessionIdOrModelFailsTheStartWithPisReason() {
        assertThatThrownBy(() -> env.adapter.start(env.spec("unknown").resume("01a20000-0000-7000-8000-000000000000")
                .build(), new RecordingSink()))
                .hasMessageContaining("pi did not start a session")
                .hasMessageContaining("No session found matching '01a20000-0000-7000-8000-000000000000'");
        assertThatThrownBy(() -> env.adapter.start(env.spec("bad-model").model("nope/nothing").build(),
                new RecordingSink()))
                .hasMessageContaining("Model \"nope/nothing\" not found");
    }

    @Test
    void modelApiErrorsBecomeErrorEventsAfterPisRetries() throws Exception {
        for (String prompt : List.of(ChatScript.ERR401, ChatScript.ERR429, ChatScript.ERR500)) {
            RecordingSink sink = oneTurn(env.spec("errors").build(), prompt);
            String status = prompt.substring(4, 7);
            assertThat(sink.of("error")).as(prompt).singleElement()
                    .satisfies(e -> assertThat(e.text()).startsWith(status))
                    .satisfies(e -> assertThat(e.id()).isEqualTo("model_error"));
            // 401 is final at once; 429 and 500 are retried once (the test settings) before they count
            long retries = sink.completed(ItemKind.STATUS).stream()
                    .filter(i -> ((ContentPart.Status) i.content().getFirst()).label().equals("retry")).count();
            assertThat(retries).as(prompt).isEqualTo(status.equals("401") ? 0 : 1);
        }
        RecordingSink flaky = oneTurn(env.spec("flaky").build(), ChatScript.FLAKY);
        assertThat(flaky.methods()).doesNotContain("error");
        assertThat(flaky.completedTexts()).contains("Hello there");
    }

    @Test
    void thinkingBecomesReasoningAndTheKeyReachesTheApi() throws Exception {
        RecordingSink sink = oneTurn(env.spec("think").build(), ChatScript.THINK);
        assertThat(sink.of("itemCompleted")).anyMatch(c -> c.item().content().getFirst() instanceof ContentPart.Reasoning r
                && r.text().equals("Let me think."));
        assertThat(sink.completedTexts()).contains("Thought.");
        assertThat(env.api.requests().getLast().authorization()).isEqualTo("Bearer " + PiTestEnvironment.API_KEY);
    }

    @Test
    void permissionModePlanLeavesPiOnlyItsReadOnlyTools() throws Exception {
        oneTurn(env.spec("plan").permissionMode("plan").build(), "say hello");
        assertThat(toolsOfLastRequest()).containsExactlyInAnyOrder("read", "grep", "find", "ls");
        for (String mode : List.of("default", "acceptEdits", "bypass")) {
            oneTurn(env.spec("mode-" + mode).permissionMode(mode).build(), "say hello");
            assertThat(toolsOfLastRequest()).as(mode).containsExactlyInAnyOrder("read", "bash", "edit", "write");
        }
    }

    @Test
    void theModelAndVariantChooseModelAndThinkingLevel() throws Exception {
        RecordingSink sink = oneTurn(env.spec("variant").model("fake/fake-thinker").variant("high").build(), "say hello");
        var started = sink.of("sessionStarted").getFirst().data().asJsonObject();
        assertThat(started.getString("model")).isEqualTo("fake/fake-thinker");
        assertThat(started.getString("thinkingLevel")).isEqualTo("high");
        var request = env.api.requests().getLast().body();
        assertThat(request.getString("model")).isEqualTo("fake-thinker");
        assertThat(request.getString("reasoning_effort")).isEqualTo("high");
        assertThat(sink.completedTexts()).contains("Hello there");
    }
}
