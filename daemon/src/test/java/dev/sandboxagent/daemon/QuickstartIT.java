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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the packaged daemon, started the way the README says, serves the seed's quickstart
 * with the mock agent, and stops cleanly on SIGTERM.
 */
class QuickstartIT {

    private static final String TOKEN = "quickstart-token";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void quickstartWithTheMockAgent() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(Map.of("SANDBOX_TOKEN", TOKEN,
                "SANDBOX_AGENT_DATA_DIR", data.toString()), "server", "--host", "127.0.0.1", "--port", "0")) {
            String base = daemon.awaitUrl();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"status\":\"ok\"}");

            var created = send("POST", base + "/v1/sessions/my-session", "{\"agent\":\"mock\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            var posted = send("POST", base + "/v1/sessions/my-session/messages", "{\"message\":\"Explain the repo structure.\"}");
            assertThat(posted.statusCode()).isEqualTo(204);

            List<JsonObject> events = List.of();
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                var res = send("GET", base + "/v1/sessions/my-session/events", null);
                events = Json.createReader(new StringReader(res.body())).readObject().getJsonArray("events")
                        .getValuesAs(JsonValue::asJsonObject);
                if (events.stream().anyMatch(e -> e.getString("type").equals("turn.ended"))) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(events).extracting(e -> e.getString("type")).containsExactly("session.started", "turn.started",
                    "item.started", "item.completed", "item.started", "item.delta", "item.completed", "turn.ended");
            JsonObject user = events.get(3).getJsonObject("data").getJsonObject("item");
            assertThat(user.getString("role")).isEqualTo("user");
            assertThat(user.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("Explain the repo structure.");
            assertThat(events.get(5).getJsonObject("data").getString("delta")).isNotEmpty();
            JsonObject assistant = events.get(6).getJsonObject("data").getJsonObject("item");
            assertThat(assistant.getString("role")).isEqualTo("assistant");

            var unauthorized = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertThat(String.join("\n", daemon.output)).doesNotContain(TOKEN);

            daemon.process.destroy(); // SIGTERM
            int code = daemon.awaitExit();
            assertThat(code).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void refusesToStartWithoutATokenDecision() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(Map.of("SANDBOX_AGENT_DATA_DIR", data.toString(),
                "SANDBOX_TOKEN", ""), "server", "--port", "0")) {
            assertThat(daemon.awaitExit()).isNotZero();
            assertThat(String.join("\n", daemon.output)).contains("--no-token");
        }
    }
}
