package dev.sandboxagent.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static dev.sandboxagent.http.SessionsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Malformed, oversized and odd requests get a clear problem and harm nothing else. */
class BadInputTest extends ServerTestBase {

    BadInputTest() {
        super("ok");
    }

    @Test
    void oversizedBodiesAreRefused() {
        String big = "{\"message\":\"" + "x".repeat(JsonBodies.MAX_BYTES + 10) + "\"}";
        try {
            assertProblem(t.post("/v1/sessions/ok/messages", big), 413, "invalid_request");
        } catch (java.io.UncheckedIOException e) {
            // also a refusal: the server answered 413 and closed while the client was still sending
        }
        assertThat(t.post("/v1/sessions/ok/messages", "{\"message\":\"still fine\"}").statusCode()).isEqualTo(204);
    }

    @Test
    void unknownRoutesAndMethods() {
        assertProblem(t.get("/v1/nothing"), 404, "invalid_request");
        assertProblem(t.send(t.request("/v1/sessions/ok/messages").PUT(HttpRequest.BodyPublishers.ofString("{}")).build()),
                404, "invalid_request");
    }

    @Test
    void oddBodies() {
        for (String body : new String[]{"null", "true", "\"str\"", "{\"agent\":null}", "{\"agent\":[]}",
                "{\"agent\":\"mock\",\"title\":{}}", "{\"agent\":\"mock\",\"skills\":{\"sources\":\"x\"}}",
                "{\"agent\":\"mock\",\"mcp\":{\"a\":{\"type\":\"remote\"}}}", "{\"agent\":\"\u0000\"}",
                "{\"agent\":\"mock\"", "\uFEFF{}", "{\"agent\":\"mock\",\"permissionMode\":\"\uD83D\uDE00\"}"}) {
            var res = t.post("/v1/sessions/new", body);
            assertThat(res.statusCode()).as(body).isBetween(400, 499);
            assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        var invalidUtf8 = t.send(t.request("/v1/sessions/new").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}))
                .build());
        assertProblem(invalidUtf8, 400, "invalid_request");
        assertThat(t.mock.engine.listSessions()).hasSize(1);
    }

    @Test
    void configAnAgentCannotTakeIsAClearProblemAtCreation() throws Exception {
        try (TestServer withStub = new TestServer(dir.resolve("stub"), TestServer.TOKEN, CorsSettings.none(),
                new dev.sandboxagent.core.testing.stub.StubProcessAdapter())) {
            var res = withStub.post("/v1/sessions/x", "{\"agent\":\"stub\",\"mcp\":{\"files\":{\"type\":\"local\","
                    + "\"command\":\"mcp-files\"}}}");
            assertProblem(res, 400, "invalid_request");
            assertThat(TestServer.parse(res.body()).getString("detail"))
                    .isEqualTo("agent 'stub' cannot take MCP servers (the session's 'mcp' config)");
            var github = withStub.post("/v1/sessions/x", "{\"agent\":\"mock\",\"skills\":{\"sources\":[{\"type\":"
                    + "\"github\",\"source\":\"org/skills\"}]}}");
            assertProblem(github, 400, "invalid_request");
            assertThat(TestServer.parse(github.body()).getString("detail")).contains("upload-batch");
            assertThat(withStub.mock.engine.listSessions()).isEmpty();
        }
    }

    @Test
    void aTurnIdleTimeoutMustBeAWholeNonNegativeNumberOfMilliseconds() {
        for (String value : new String[]{"-1", "1.5", "\"500\"", "true", "1e400", "123456789012345678901234567890"}) {
            var res = t.post("/v1/sessions/w", "{\"agent\":\"mock\",\"turnIdleTimeoutMs\":" + value + "}");
            assertProblem(res, 400, "invalid_request");
            assertThat(TestServer.parse(res.body()).getString("detail")).as(value).contains("turnIdleTimeoutMs");
        }
        assertThat(t.mock.engine.listSessions()).hasSize(1);
        assertThat(t.post("/v1/sessions/w", "{\"agent\":\"mock\",\"turnIdleTimeoutMs\":60000}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void installOfAnUnknownAgent() {
        assertProblem(t.post("/v1/agents/nobody/install", "{}"), 400, "unsupported_agent");
        assertProblem(t.get("/v1/agents/nobody/modes"), 400, "unsupported_agent");
        assertProblem(t.get("/v1/agents/nobody/models"), 400, "unsupported_agent");
        assertProblem(t.post("/v1/agents/mock/install", "{\"reinstall\":\"yes\"}"), 400, "invalid_request");
    }
}
