package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.SandboxHttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": a session created over HTTP with {"agent":"claude"} against the fake
 * model server streams a tool call, a permission request that the HTTP reply resolves, the
 * tool's result and the final text.
 */
class ClaudeOverHttpTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Events of the SSE stream from {@code offset} up to and including the first of {@code type}. */
    private List<JsonObject> until(String url, String type) throws Exception {
        HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<JsonObject> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("data:")) {
                    JsonObject e = Json.createReader(new StringReader(line.substring(5))).readObject();
                    events.add(e);
                    if (e.getString("type").equals(type)) {
                        return events;
                    }
                }
            }
        }
        throw new AssertionError("stream ended before " + type + ": " + events);
    }

    private static List<JsonObject> completedItems(List<JsonObject> events) {
        return events.stream().filter(e -> e.getString("type").equals("item.completed"))
                .map(e -> e.getJsonObject("data").getJsonObject("item")).toList();
    }

    @Test
    void toolCallPermissionResultAndTextOverHttp() throws Exception {
        try (ClaudeFixture fixture = new ClaudeFixture(dir)) {
            SandboxHttpServer server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, null,
                    CorsSettings.none(), "test"), fixture.engine, fixture.catalog);
            try {
                String base = "http://127.0.0.1:" + server.port() + "/v1/sessions/over-http";
                assertThat(post(base, "{\"agent\":\"claude\"}").statusCode()).isEqualTo(200);
                assertThat(post(base + "/messages", "{\"message\":\"" + FakeModelScript.RUN_BASH + "\"}").statusCode())
                        .isEqualTo(204);

                List<JsonObject> asked = until(base + "/events/sse", "permission.requested");
                JsonObject permission = asked.getLast().getJsonObject("data");
                assertThat(permission.getString("action")).isEqualTo("Bash");
                assertThat(completedItems(asked)).anyMatch(i -> i.getString("kind").equals("tool_call"));

                var reply = post(base + "/permissions/" + permission.getString("permission_id") + "/reply",
                        "{\"reply\":\"once\"}");
                assertThat(reply.statusCode()).isEqualTo(204);

                List<JsonObject> all = until(base + "/events/sse", "turn.ended");
                List<String> types = all.stream().map(e -> e.getString("type")).toList();
                assertThat(types).containsSubsequence("permission.requested", "permission.resolved", "turn.ended");
                JsonObject resolved = all.stream().filter(e -> e.getString("type").equals("permission.resolved"))
                        .findFirst().orElseThrow().getJsonObject("data");
                assertThat(resolved.getString("status")).isEqualTo("accept");
                List<JsonObject> items = completedItems(all);
                assertThat(items).anyMatch(i -> i.getString("kind").equals("tool_result"));
                JsonObject last = items.stream().filter(i -> i.getString("kind").equals("message")
                        && "assistant".equals(i.getString("role", null))).reduce((a, b) -> b).orElseThrow();
                assertThat(last.getJsonArray("content").getJsonObject(0).getString("text")).startsWith("Command result");
                assertThat(types).contains("item.delta");
                assertThat(fixture.work.resolve("ran.txt")).exists();
            } finally {
                server.stop();
            }
        }
    }
}
