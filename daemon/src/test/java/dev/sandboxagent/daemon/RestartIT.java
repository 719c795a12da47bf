package dev.sandboxagent.daemon;

import dev.sandboxagent.core.testing.PrometheusSamples;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged daemon, SIGKILLed and started again on the same data directory: it lists the
 * earlier sessions as ended, serves their logs as clients got them, ends the one that was running
 * with an error saying the daemon stopped, and continues it natively when a message comes, with
 * the same sequence numbers. The session's usage survives both restarts, and the metrics count
 * the restored session as reopened, so the active sessions never go below zero.
 */
class RestartIT {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private DaemonProcess daemon() throws Exception {
        return new DaemonProcess(Map.of("SANDBOX_AGENT_DATA_DIR", data.toString()), "server", "--no-token", "--port", "0");
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonObject> events(String base, String id) throws Exception {
        String body = send("GET", base + "/v1/sessions/" + id + "/events?include_raw=true&limit=10000", null).body();
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("events")
                .getValuesAs(JsonValue::asJsonObject);
    }

    /** Posts a message and waits until its turn has ended; returns the log then. */
    private List<JsonObject> turn(String base, String id, String message, long turnsBefore) throws Exception {
        assertThat(send("POST", base + "/v1/sessions/" + id + "/messages", "{\"message\":\"" + message + "\"}")
                .statusCode()).isEqualTo(204);
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            List<JsonObject> events = events(base, id);
            if (events.stream().filter(e -> e.getString("type").equals("turn.ended")).count() > turnsBefore) {
                return events;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the turn did not end within 20 s");
    }

    private Map<String, Double> scrape(String base) throws Exception {
        HttpResponse<String> res = send("GET", base + "/metrics", null);
        assertThat(res.statusCode()).isEqualTo(200);
        return PrometheusSamples.parse(res.body());
    }

    @Test
    void aKilledDaemonsSessionsAreListedServedAndContinuedAfterARestart() throws Exception {
        List<JsonObject> before;
        try (DaemonProcess first = daemon()) {
            String base = first.awaitUrl();
            assertThat(send("POST", base + "/v1/sessions/a", "{\"agent\":\"mock\"}").statusCode()).isEqualTo(200);
            before = turn(base, "a", "stream one two three four", 0);
            Thread.sleep(200); // the store writes to the files every 10 ms (group commit)
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        try (DaemonProcess second = daemon()) {
            String base = second.awaitUrl();
            JsonObject listed = Json.createReader(new StringReader(send("GET", base + "/v1/sessions", null).body()))
                    .readObject().getJsonArray("sessions").getJsonObject(0);
            assertThat(listed.getString("sessionId")).isEqualTo("a");
            assertThat(listed.getBoolean("ended")).isTrue();
            // the mock's usage of "stream one two three four": one input token a character, 10 out, 5 cached, $0.01
            JsonObject usage = listed.getJsonObject("usage");
            assertThat(List.of(usage.getInt("turns"), usage.getInt("inputTokens"), usage.getInt("outputTokens"),
                    usage.getInt("cachedTokens"))).as("usage survives the restart").containsExactly(1, 25, 10, 5);
            assertThat(scrape(base)).as("reopened, then ended by the restore: never below zero")
                    .containsEntry("sandbox_sessions_active", 0.0)
                    .containsEntry("sandbox_sessions_reopened_total{agent=\"mock\"}", 1.0)
                    .containsEntry("sandbox_sessions_ended_total{agent=\"mock\",reason=\"error\"}", 1.0)
                    .doesNotContainKey("sandbox_sessions_total{agent=\"mock\"}");

            List<JsonObject> after = events(base, "a");
            assertThat(after.subList(0, before.size())).as("the log as clients got it, raw included").isEqualTo(before);
            JsonObject end = after.get(before.size());
            assertThat(end.getString("type")).isEqualTo("session.ended");
            assertThat(end.getJsonObject("data").getString("reason")).isEqualTo("error");
            assertThat(end.getJsonObject("data").getString("message")).contains("daemon stopped");

            List<JsonObject> continued = turn(base, "a", "again", 1);
            assertThat(continued).extracting(e -> e.getJsonNumber("sequence").longValue())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, continued.size()).boxed().toList());
            JsonObject restarted = continued.get(before.size() + 1);
            assertThat(restarted.getString("type")).isEqualTo("session.started");
            assertThat(restarted.getString("native_session_id")).isEqualTo(before.getFirst().getString("native_session_id"));
            assertThat(continued.getLast().getString("type")).isEqualTo("turn.ended");
            assertThat(scrape(base)).containsEntry("sandbox_sessions_active", 1.0)
                    .containsEntry("sandbox_sessions_reopened_total{agent=\"mock\"}", 2.0);
            second.process.destroy();
            second.awaitExit();
        }
        try (DaemonProcess third = daemon()) { // after a clean stop (SIGTERM) the session is ended by the daemon
            String base = third.awaitUrl();
            JsonObject last = events(base, "a").getLast();
            assertThat(last.getString("type")).isEqualTo("session.ended");
            assertThat(last.getJsonObject("data").getString("terminated_by")).isEqualTo("daemon");
            JsonObject usage = Json.createReader(new StringReader(send("GET", base + "/v1/sessions/a", null).body()))
                    .readObject().getJsonObject("usage");
            assertThat(usage.getInt("turns")).isEqualTo(2);
            assertThat(usage.getInt("inputTokens")).isEqualTo("stream one two three four".length() + "again".length());
            assertThat(usage.getJsonNumber("costUsd").bigDecimalValue()).isEqualByComparingTo("0.02");
            assertThat(scrape(base)).containsEntry("sandbox_sessions_active", 0.0);
        }
    }
}
