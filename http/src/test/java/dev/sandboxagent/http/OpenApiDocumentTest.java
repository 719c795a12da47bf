package dev.sandboxagent.http;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document describes exactly the routes the server has. */
class OpenApiDocumentTest {

    @TempDir
    Path dir;

    @Test
    void documentAndRoutesMatch() {
        try (TestServer t = new TestServer(dir)) {
            var res = t.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.base + "/v1/openapi.json")).build());
            assertThat(res.statusCode()).isEqualTo(200);
            JsonObject doc = TestServer.parse(res.body());
            assertThat(doc.getString("openapi")).startsWith("3.");

            Set<String> documented = new TreeSet<>();
            JsonObject paths = doc.getJsonObject("paths");
            for (String path : paths.keySet()) {
                for (String method : paths.getJsonObject(path).keySet()) {
                    if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }
            }
            Set<String> served = new TreeSet<>();
            for (ApiResource r : SandboxHttpServer.resources(t.mock.engine, t.mock.agents, "test")) {
                for (Endpoint e : r.endpoints()) {
                    served.add(e.method().text() + " " + r.fullPath(e));
                }
            }
            assertThat(served).isEqualTo(documented);
        }
    }

    /** Our Sandbox-Turn-Id response header is in the document, and the server sends what it says. */
    @Test
    void theTurnIdHeaderOfPostMessageIsDocumentedAndSent() {
        try (TestServer t = new TestServer(dir)) {
            JsonObject doc = TestServer.parse(t.get("/v1/openapi.json").body());
            JsonObject header = doc.getJsonObject("paths").getJsonObject("/v1/sessions/{session_id}/messages")
                    .getJsonObject("post").getJsonObject("responses").getJsonObject("204").getJsonObject("headers")
                    .getJsonObject(SessionsResource.TURN_ID.defaultCase());
            assertThat(header).as("documented").isNotNull();
            assertThat(header.getBoolean("required")).isTrue();
            assertThat(header.getJsonObject("schema").getString("type")).isEqualTo("string");

            t.createMockSession("s");
            var posted = t.post("/v1/sessions/s/messages", "{\"message\":\"hello\"}");
            assertThat(posted.statusCode()).isEqualTo(204);
            assertThat(posted.headers().firstValue(SessionsResource.TURN_ID.defaultCase())).hasValue("turn_1");
        }
    }
}
