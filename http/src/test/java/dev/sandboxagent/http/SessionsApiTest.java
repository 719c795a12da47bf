package dev.sandboxagent.http;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sandboxagent.http.TestServer.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions, messages and events over HTTP: happy paths and their problem answers. */
public class SessionsApiTest extends ServerTestBase {

    SessionsApiTest() {
        super();
    }

    public static void assertProblem(java.net.http.HttpResponse<String> res, int status, String type) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject p = parse(res.body());
        assertThat(p.getString("type")).isEqualTo("urn:sandbox-agent:error:" + type);
        assertThat(p.getInt("status")).isEqualTo(status);
        assertThat(p.getString("title")).isNotBlank();
        assertThat(res.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void quickstartFlow() {
        var created = t.post("/v1/sessions/my-session", "{\"agent\":\"mock\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        JsonObject body = parse(created.body());
        assertThat(body.getBoolean("healthy")).isTrue();
        assertThat(body.getString("nativeSessionId")).isEqualTo("mock-my-session");
        assertThat(body.containsKey("error")).isFalse();

        var posted = t.post("/v1/sessions/my-session/messages", "{\"message\":\"Explain the repo structure.\"}");
        assertThat(posted.statusCode()).isEqualTo(204);
        assertThat(posted.body()).isEmpty();
        String turnId = posted.headers().firstValue("Sandbox-Turn-Id").orElseThrow();

        List<TestServer.SseEvent> events = t.sse(t.request("/v1/sessions/my-session/events/sse").GET().build(), 8);
        assertThat(events).extracting(TestServer.SseEvent::type).containsExactly("session.started", "turn.started",
                "item.started", "item.completed", "item.started", "item.delta", "item.completed", "turn.ended");
        assertThat(events.get(3).data().getJsonObject("data").getJsonObject("item").getString("role")).isEqualTo("user");
        assertThat(events.get(6).data().getJsonObject("data").getJsonObject("item").getString("role")).isEqualTo("assistant");
        assertThat(events).allSatisfy(e -> assertThat(e.id()).isEqualTo(Long.toString(e.sequence())));
        assertThat(events.get(1).data().getJsonObject("data").getString("turn_id")).isEqualTo(turnId);
    }

    @Test
    void listGetAndDelete() {
        t.createMockSession("a");
        t.createMockSession("b");
        var list = parse(t.get("/v1/sessions").body()).getJsonArray("sessions");
        assertThat(list).hasSize(2);
        JsonObject a = list.getJsonObject(0);
        assertThat(a.getString("sessionId")).isEqualTo("a");
        assertThat(a.getString("agent")).isEqualTo("mock");
        assertThat(a.getString("agentMode")).isEqualTo("build");
        assertThat(a.getString("permissionMode")).isEqualTo("default");
        assertThat(a.getBoolean("ended")).isFalse();
        assertThat(a.getJsonNumber("eventCount").longValue()).isEqualTo(1);
        assertThat(a.getJsonNumber("createdAt").longValue()).isPositive();
        assertThat(a.containsKey("model")).isFalse(); // nulls are omitted

        var one = t.get("/v1/sessions/b");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(parse(one.body()).getString("sessionId")).isEqualTo("b");

        assertThat(t.delete("/v1/sessions/b").statusCode()).isEqualTo(204);
        assertProblem(t.get("/v1/sessions/b"), 404, "session_not_found");
        assertProblem(t.delete("/v1/sessions/b"), 404, "session_not_found");
    }

    /** The mock reports (message length, 10, 5, $0.01) per turn: the session's usage is the exact sum. */
    @Test
    void sessionUsageSumsTheTurns() {
        t.createMockSession("u");
        JsonObject none = parse(t.get("/v1/sessions/u").body()).getJsonObject("usage");
        assertThat(none.getJsonNumber("turns").longValue()).isZero();
        assertThat(none.containsKey("costUsd")).isFalse();
        t.mock.turn("u", "hello");
        t.mock.turn("u", "text abc");
        JsonObject usage = parse(t.get("/v1/sessions/u").body()).getJsonObject("usage");
        assertThat(usage.getJsonNumber("turns").longValue()).isEqualTo(2);
        assertThat(usage.getJsonNumber("inputTokens").longValue()).isEqualTo(13);
        assertThat(usage.getJsonNumber("outputTokens").longValue()).isEqualTo(20);
        assertThat(usage.getJsonNumber("cachedTokens").longValue()).isEqualTo(10);
        assertThat(usage.getJsonNumber("costUsd").bigDecimalValue()).isEqualByComparingTo("0.02");
        assertThat(usage.getJsonNumber("turnWallMs").longValue()).isNotNegative();
        assertThat(usage.getJsonNumber("lastActivityAt").longValue())
                .isEqualTo(parse(t.get("/v1/sessions/u").body()).getJsonNumber("updatedAt").longValue());
        JsonObject listed = parse(t.get("/v1/sessions").body()).getJsonArray("sessions").getJsonObject(0);
        assertThat(listed.getJsonObject("usage")).isEqualTo(usage);
    }

    @Test
    void createProblems() {
        t.createMockSession("dup");
        assertProblem(t.post("/v1/sessions/dup", "{\"agent\":\"mock\"}"), 409, "session_already_exists");
        assertProblem(t.post("/v1/sessions/x", "{\"agent\":\"nobody\"}"), 400, "unsupported_agent");
        assertProblem(t.post("/v1/sessions/x", "{}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/x", "{\"agent\":"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/x", "[1,2]"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/x", ""), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/x", "{\"agent\":5}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/x", "{\"agent\":\"mock\",\"mcp\":[]}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/x", "{\"agent\":\"mock\",\"agentMode\":\"warp\"}"), 400, "mode_not_supported");
        assertProblem(t.post("/v1/sessions/x", "{\"agent\":\"mock\",\"directory\":\"/definitely/not/here\"}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/bad%20id", "{\"agent\":\"mock\"}"), 400, "invalid_request");
        // an id with encoded slashes is no session id and matches no route
        assertProblem(t.post("/v1/sessions/..%2F..%2Fetc", "{\"agent\":\"mock\"}"), 404, "invalid_request");
        assertProblem(t.post("/v1/sessions/a%00b", "{\"agent\":\"mock\"}"), 400, "invalid_request");
        // nothing was harmed: the first session still works
        assertThat(t.post("/v1/sessions/dup/messages", "{\"message\":\"hi\"}").statusCode()).isEqualTo(204);
        assertThat(parse(t.get("/v1/sessions").body()).getJsonArray("sessions")).hasSize(1);
    }

    @Test
    void messageProblems() {
        assertProblem(t.post("/v1/sessions/none/messages", "{\"message\":\"hi\"}"), 404, "session_not_found");
        t.createMockSession("m");
        assertProblem(t.post("/v1/sessions/m/messages", "{}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/m/messages", "{\"message\":[1]}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/m/messages", "{\"message\":\"x\",\"attachments\":[{}]}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/m/messages", "not json"), 400, "invalid_request");
        assertThat(t.post("/v1/sessions/m/terminate", "").statusCode()).isEqualTo(204);
        // a bad message to an ended session is refused and does not continue it
        assertProblem(t.post("/v1/sessions/m/messages", "{}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/m/messages", "{\"message\":\"x\",\"attachments\":[{\"path\":\"missing.png\"}]}"),
                400, "invalid_request");
        assertThat(parse(t.get("/v1/sessions/m").body()).getBoolean("ended")).isTrue();
        // a good one continues it
        assertThat(t.post("/v1/sessions/m/messages", "{\"message\":\"after end\"}").statusCode()).isEqualTo(204);
        assertThat(parse(t.get("/v1/sessions/m").body()).getBoolean("ended")).isFalse();
        assertProblem(t.post("/v1/sessions/none/terminate", ""), 404, "session_not_found");
        assertProblem(t.post("/v1/sessions/none/interrupt", ""), 404, "session_not_found");
    }

    @Test
    void eventsPaging() {
        t.createMockSession("p");
        t.sse(t.request("/v1/sessions/p/messages/stream").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"stream a b c d\"}")).build(), 1000);
        JsonObject all = parse(t.get("/v1/sessions/p/events").body());
        int total = all.getJsonArray("events").size();
        assertThat(total).isEqualTo(11);
        assertThat(all.getBoolean("hasMore")).isFalse();

        JsonObject page = parse(t.get("/v1/sessions/p/events?offset=2&limit=3").body());
        assertThat(page.getJsonArray("events")).hasSize(3);
        assertThat(page.getJsonArray("events").getJsonObject(0).getInt("sequence")).isEqualTo(3);
        assertThat(page.getBoolean("hasMore")).isTrue();
        JsonObject tail = parse(t.get("/v1/sessions/p/events?offset=8&limit=100").body());
        assertThat(tail.getJsonArray("events")).hasSize(3);
        assertThat(tail.getBoolean("hasMore")).isFalse();
        assertThat(parse(t.get("/v1/sessions/p/events?offset=11").body()).getJsonArray("events")).isEmpty();

        assertThat(all.getJsonArray("events").getJsonObject(5).containsKey("raw")).isFalse();
        JsonObject raw = parse(t.get("/v1/sessions/p/events?include_raw=true").body());
        assertThat(raw.getJsonArray("events").getJsonObject(5).containsKey("raw")).isTrue();

        assertProblem(t.get("/v1/sessions/p/events?offset=-1"), 400, "invalid_request");
        assertProblem(t.get("/v1/sessions/p/events?limit=abc"), 400, "invalid_request");
        assertProblem(t.get("/v1/sessions/p/events?include_raw=maybe"), 400, "invalid_request");
        assertProblem(t.get("/v1/sessions/none/events"), 404, "session_not_found");
        assertProblem(t.get("/v1/sessions/none/events/sse"), 404, "session_not_found");
    }

    @Test
    void interruptOverHttp() {
        t.createMockSession("i");
        assertThat(t.post("/v1/sessions/i/interrupt", "").statusCode()).isEqualTo(204); // idle: no-op
        assertThat(t.post("/v1/sessions/i/messages", "{\"message\":\"hang\"}").statusCode()).isEqualTo(204);
        var first = t.sse(t.request("/v1/sessions/i/events/sse").GET().build(), 6);
        assertThat(first.getLast().type()).isEqualTo("item.delta");
        assertThat(t.post("/v1/sessions/i/interrupt", "").statusCode()).isEqualTo(204);
        var rest = t.sse(t.request("/v1/sessions/i/events/sse?offset=6").GET().build(), 2);
        assertThat(rest).extracting(TestServer.SseEvent::type).containsExactly("item.completed", "turn.ended");
        var next = t.sse(t.request("/v1/sessions/i/messages/stream").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"text ok\"}")).build(), 100);
        assertThat(next.getLast().type()).isEqualTo("turn.ended");
    }
}
