package dev.sandboxagent.http.faults;

import dev.sandboxagent.core.testing.stub.StubProcessAdapter;
import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.TestServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents that crash, hang or leave children: the session says so, nothing else is harmed, nothing is left running. */
class AgentFaultsTest {

    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(dir, TestServer.TOKEN, CorsSettings.none(), new StubProcessAdapter());
    }

    @AfterEach
    void stop() {
        t.close();
        assertThat(StubProcesses.alive()).as("stub agent processes left after shutdown").isEmpty();
    }

    private long stubPid(String session) {
        return Long.parseLong(TestServer.parse(t.get("/v1/sessions/" + session).body())
                .getString("nativeSessionId").substring("stub-".length()));
    }

    private List<TestServer.SseEvent> until(String session, String type) {
        return t.sseUntil(t.request("/v1/sessions/" + session + "/events/sse").GET().build(),
                e -> e.type().equals(type));
    }

    private void createStub(String id) {
        assertThat(t.post("/v1/sessions/" + id, "{\"agent\":\"stub\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void agentKilledMidTurnEndsItsSessionWithExitCodeAndStderr() throws Exception {
        createStub("victim");
        createStub("bystander");
        t.createMockSession("mock");
        assertThat(t.post("/v1/sessions/victim/messages", "{\"message\":\"crash\"}").statusCode()).isEqualTo(204);
        var events = until("victim", "session.ended");
        JsonObject end = events.getLast().data().getJsonObject("data");
        assertThat(end.getString("reason")).isEqualTo("error");
        assertThat(end.getString("terminated_by")).isEqualTo("agent");
        assertThat(end.getInt("exit_code")).isEqualTo(137);
        JsonObject stderr = end.getJsonObject("stderr");
        assertThat(stderr.getBoolean("truncated")).isTrue();
        assertThat(stderr.getInt("total_lines")).isEqualTo(300);
        assertThat(stderr.getString("head")).startsWith("stub stderr line 0");
        assertThat(stderr.getString("tail")).endsWith("stub stderr line 299");
        // the turn was closed before the session ended
        assertThat(events.stream().map(TestServer.SseEvent::type).toList()).containsSubsequence("turn.ended", "session.ended");

        // others are unharmed, the daemon is healthy
        var bystander = t.sse(t.request("/v1/sessions/bystander/messages/stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"still here\"}")).build(), 100);
        assertThat(bystander.getLast().type()).isEqualTo("turn.ended");
        assertThat(t.post("/v1/sessions/mock/messages", "{\"message\":\"text ok\"}").statusCode()).isEqualTo(204);
        assertThat(t.get("/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void externalSigkillMidTurnIsReported() throws Exception {
        createStub("s");
        t.post("/v1/sessions/s/messages", "{\"message\":\"hang\"}");
        until("s", "item.completed"); // the user item: the turn is running
        ProcessHandle.of(stubPid("s")).orElseThrow().destroyForcibly();
        JsonObject end = until("s", "session.ended").getLast().data().getJsonObject("data");
        assertThat(end.getString("reason")).isEqualTo("error");
        assertThat(end.getInt("exit_code")).isEqualTo(137);
        assertThat(end.getString("message")).contains("137");
    }

    @Test
    void aHangingAgentCanBeInterruptedAndTerminated() throws Exception {
        createStub("h");
        long pid = stubPid("h");
        t.post("/v1/sessions/h/messages", "{\"message\":\"spawn\"}");
        var spawned = until("h", "turn.ended");
        String childLine = spawned.stream().filter(e -> e.type().equals("item.completed"))
                .map(e -> e.data().getJsonObject("data").getJsonObject("item").getJsonArray("content")
                        .getJsonObject(0).getString("text")).filter(s -> s.startsWith("child ")).findFirst().orElseThrow();
        long child = Long.parseLong(childLine.substring("child ".length()));

        t.post("/v1/sessions/h/messages", "{\"message\":\"hang\"}");
        var offset = t.mock.engine.getSession("h").eventCount();
        Thread.sleep(200); // let the shell reach its wait; the interrupt must work whenever it comes
        assertThat(t.post("/v1/sessions/h/interrupt", "").statusCode()).isEqualTo(204);
        var ended = t.sseUntil(t.request("/v1/sessions/h/events/sse?offset=" + (offset - 4)).GET().build(),
                e -> e.type().equals("turn.ended") && e.sequence() > offset - 4);
        assertThat(ended.getLast().type()).isEqualTo("turn.ended");
        var next = t.sse(t.request("/v1/sessions/h/messages/stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"after\"}")).build(), 100);
        assertThat(next.getLast().type()).isEqualTo("turn.ended");

        t.post("/v1/sessions/h/messages", "{\"message\":\"hang\"}");
        assertThat(t.post("/v1/sessions/h/terminate", "").statusCode()).isEqualTo(204);
        JsonObject end = until("h", "session.ended").getLast().data().getJsonObject("data");
        assertThat(end.getString("reason")).isEqualTo("terminated");
        for (long p : new long[]{pid, child}) {
            var handle = ProcessHandle.of(p);
            if (handle.isPresent()) {
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(StubProcesses.alive()).isEmpty();
    }
}
