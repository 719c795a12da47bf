package dev.sandboxagent.daemon;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adapter plugins: a jar built outside the project's modules (see {@link TestPlugins}) is
 * loaded by the packaged daemon from --plugin-dir, listed in GET /v1/agents, and drives a
 * session over HTTP; a plugin claiming a built-in agent's id stops the daemon from starting.
 */
class PluginIT {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPluginAgentIsListedAndDrivesASessionOverHttp() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "server", "--no-token", "--port", "0",
                "--data-dir", data.toString(), "--plugin-dir", TestPlugins.folderWith("tiny").toString())) {
            String base = daemon.awaitUrl();
            // built-in agents first (mock, and the real adapters once they are on the class path), then the plugin's
            assertThat(String.join("\n", daemon.output)).containsPattern("with agents \\[(\\S+, )*mock(, \\S+)*, tiny, tiny-npm]");

            List<JsonObject> agents = Json.createReader(new StringReader(send("GET", base + "/v1/agents", null).body()))
                    .readObject().getJsonArray("agents").getValuesAs(JsonValue::asJsonObject);
            assertThat(agents).extracting(a -> a.getString("id")).contains("mock").endsWith("tiny", "tiny-npm");
            JsonObject tiny = agents.get(agents.size() - 2);
            assertThat(tiny.getBoolean("installed")).isTrue();
            assertThat(tiny.getJsonObject("capabilities").getBoolean("textMessages")).isTrue();
            assertThat(send("GET", base + "/v1/agents/tiny/modes", null).body()).contains("\"chat\"");

            var created = send("POST", base + "/v1/sessions/plugged", "{\"agent\":\"tiny\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("\"nativeSessionId\":\"tiny-plugged\"");

            // The streamed turn ends when the turn ends: no waiting on time.
            var turn = send("POST", base + "/v1/sessions/plugged/messages/stream", "{\"message\":\"hello plugin\"}");
            assertThat(turn.statusCode()).isEqualTo(200);
            List<JsonObject> events = turn.body().lines().filter(l -> l.startsWith("data:"))
                    .map(l -> Json.createReader(new StringReader(l.substring(5).strip())).readObject()).toList();
            assertThat(events).extracting(e -> e.getString("type")).last().isEqualTo("turn.ended");
            assertThat(events).filteredOn(e -> e.getString("type").equals("item.completed"))
                    .extracting(e -> e.getJsonObject("data").getJsonObject("item"))
                    .filteredOn(item -> item.getString("role").equals("assistant"))
                    .singleElement().satisfies(item -> assertThat(item.getJsonArray("content").getJsonObject(0)
                            .getString("text")).isEqualTo("tiny heard: hello plugin"));
        }
    }

    @Test
    void aPluginCannotReplaceABuiltInAgent() throws Exception {
        Path clash = TestPlugins.jar("clash");
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "server", "--no-token", "--port", "0",
                "--data-dir", data.toString(), "--plugin-dir", clash.getParent().toString())) {
            assertThat(daemon.awaitExit()).isEqualTo(1);
            assertThat(daemon.output).contains("sandbox-daemon: plugin " + clash
                    + " provides the agent 'mock', which is built into sandbox-daemon; a plugin cannot replace a "
                    + "built-in agent: remove the jar or give its adapter another id");
        }
    }

    @Test
    void aMissingPluginDirectoryIsAnError() throws Exception {
        Path missing = data.resolve("no-such-dir");
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "server", "--no-token", "--port", "0",
                "--data-dir", data.toString(), "--plugin-dir", missing.toString())) {
            assertThat(daemon.awaitExit()).isEqualTo(1);
            assertThat(daemon.output).contains("sandbox-daemon: plugin directory " + missing
                    + " does not exist or is not a directory");
        }
    }
}
