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
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code server --turn-idle-timeout-ms} is the turn watchdog's default; a session's turnIdleTimeoutMs overrides it. */
class TurnWatchdogIT {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonObject> eventsUntil(String url, Predicate<List<JsonObject>> done) throws Exception {
        List<JsonObject> events = List.of();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline) && !done.test(events)) {
            Thread.sleep(50);
            var res = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            events = Json.createReader(new StringReader(res.body())).readObject().getJsonArray("events")
                    .getValuesAs(JsonValue::asJsonObject);
        }
        return events;
    }

    private static boolean hasTimeout(List<JsonObject> events) {
        return events.stream().anyMatch(e -> e.getString("type").equals("error")
                && "timeout".equals(e.getJsonObject("data").getString("code", null)));
    }

    @Test
    void theDaemonFlagInterruptsSilentTurnsUnlessTheSessionSaysOtherwise() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(Map.of("SANDBOX_AGENT_DATA_DIR", data.toString()), "server",
                "--no-token", "--port", "0", "--turn-idle-timeout-ms", "400")) {
            String base = daemon.awaitUrl();
            assertThat(post(base + "/v1/sessions/flag", "{\"agent\":\"mock\"}").statusCode()).isEqualTo(200);
            assertThat(post(base + "/v1/sessions/own", "{\"agent\":\"mock\",\"turnIdleTimeoutMs\":0}").statusCode())
                    .isEqualTo(200);
            assertThat(post(base + "/v1/sessions/own/messages", "{\"message\":\"hang\"}").statusCode()).isEqualTo(204);
            assertThat(post(base + "/v1/sessions/flag/messages", "{\"message\":\"hang\"}").statusCode()).isEqualTo(204);

            List<JsonObject> flagged = eventsUntil(base + "/v1/sessions/flag/events",
                    ev -> ev.stream().anyMatch(e -> e.getString("type").equals("turn.ended")));
            assertThat(hasTimeout(flagged)).as("events: %s", flagged).isTrue();
            // the session that turned the watchdog off is still in its turn (it has been silent longer than 400 ms)
            List<JsonObject> own = eventsUntil(base + "/v1/sessions/own/events",
                    ev -> ev.stream().anyMatch(e -> e.getString("type").equals("item.delta")));
            assertThat(own).extracting(e -> e.getString("type")).contains("item.delta").doesNotContain("error", "turn.ended");
        }
    }
}
