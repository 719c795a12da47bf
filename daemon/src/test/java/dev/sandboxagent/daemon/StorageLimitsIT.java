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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged daemon's storage limits: retention ({@code --max-session-age}, {@code --max-disk})
 * deletes ended sessions and their files but never a running one; {@code DELETE} removes a
 * session's files; and a real file size limit ({@code prlimit --fsize}, as a full disk fails
 * writes) stops the session whose log cannot be written, with an error event, degraded health,
 * and every other session going on.
 */
class StorageLimitsIT {

    private static final long FILE_LIMIT = 256 * 1024;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private DaemonProcess daemon(List<String> wrapper, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("server", "--no-token", "--port", "0"));
        args.addAll(List.of(options));
        return new DaemonProcess(wrapper, null, Map.of("SANDBOX_AGENT_DATA_DIR", data.toString()),
                args.toArray(String[]::new));
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject parse(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private List<String> sessionIds(String base) throws Exception {
        return parse(send("GET", base + "/v1/sessions", null).body()).getJsonArray("sessions")
                .getValuesAs(JsonValue::asJsonObject).stream().map(s -> s.getString("sessionId")).toList();
    }

    private List<JsonObject> events(String base, String id) throws Exception {
        return parse(send("GET", base + "/v1/sessions/" + id + "/events?limit=100000", null).body())
                .getJsonArray("events").getValuesAs(JsonValue::asJsonObject);
    }

    private void create(String base, String id) throws Exception {
        assertThat(send("POST", base + "/v1/sessions/" + id, "{\"agent\":\"mock\"}").statusCode()).isEqualTo(200);
    }

    /** Posts a message and waits until the session has logged {@code turns} turn ends in all. */
    private void turn(String base, String id, String message, int turns) throws Exception {
        assertThat(send("POST", base + "/v1/sessions/" + id + "/messages", "{\"message\":\"" + message + "\"}")
                .statusCode()).isEqualTo(204);
        await(id + " ends turn " + turns, () -> count(base, id, "turn.ended") >= turns);
    }

    private long count(String base, String id, String type) {
        try {
            return events(base, id).stream().filter(e -> e.getString("type").equals(type)).count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private Path files(String id) {
        return data.resolve("sessions").resolve(id);
    }

    @Test
    void anAgeLimitDeletesEndedSessionsWithTheirFilesButNotARunningOneAndDeleteRemovesFiles() throws Exception {
        try (DaemonProcess d = daemon(List.of(), "--max-session-age", "2s")) {
            String base = d.awaitUrl();
            create(base, "old");
            turn(base, "old", "hello", 1);
            create(base, "running");
            turn(base, "running", "hello", 1);
            assertThat(send("POST", base + "/v1/sessions/old/terminate", null).statusCode()).isEqualTo(204);
            assertThat(files("old")).isDirectory();

            await("the ended session is pruned", () -> {
                try {
                    return !sessionIds(base).contains("old");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(files("old")).doesNotExist();
            Thread.sleep(3_000); // older than the limit, but running: it stays
            assertThat(sessionIds(base)).containsExactly("running");
            turn(base, "running", "still here", 2);

            assertThat(send("DELETE", base + "/v1/sessions/running", null).statusCode()).isEqualTo(204);
            assertThat(files("running")).doesNotExist();
        }
    }

    @Test
    void aDiskLimitDeletesTheOldestEndedSessionsAtStartAndAfterwards() throws Exception {
        try (DaemonProcess first = daemon(List.of())) {
            String base = first.awaitUrl();
            for (String id : List.of("a", "b")) {
                create(base, id);
                turn(base, id, "stream one two three", 1);
            }
            first.process.destroy(); // SIGTERM: both end, stopped by the daemon
            first.awaitExit();
        }
        try (DaemonProcess second = daemon(List.of(), "--max-disk", "1")) {
            String base = second.awaitUrl();
            create(base, "running");
            turn(base, "running", "hello", 1);
            await("the ended sessions are pruned", () -> {
                try {
                    return sessionIds(base).equals(List.of("running"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(files("a")).doesNotExist();
            assertThat(files("b")).doesNotExist();
            assertThat(files("running")).isDirectory();
        }
    }

    @Test
    void aSessionWhoseLogHitsTheFileSizeLimitIsStoppedWithAnErrorAndOthersGoOn() throws Exception {
        assertThat(java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "prlimit")).anyMatch(Files::isExecutable))
                .as("this test needs prlimit on PATH: apt-get install -y util-linux").isTrue();
        try (DaemonProcess d = daemon(List.of("prlimit", "--fsize=" + FILE_LIMIT))) {
            String base = d.awaitUrl();
            create(base, "small");
            turn(base, "small", "hello", 1);
            create(base, "big");
            assertThat(send("POST", base + "/v1/sessions/big/messages", "{\"message\":\"burst 20000\"}").statusCode())
                    .isEqualTo(204);
            await("big ends", () -> count(base, "big", "session.ended") == 1);

            List<JsonObject> big = events(base, "big");
            JsonObject error = big.stream().filter(e -> e.getString("type").equals("error")).findFirst().orElseThrow();
            assertThat(error.getJsonObject("data").getString("code")).isEqualTo("event_log_write_failed");
            assertThat(error.getJsonObject("data").getString("message")).contains("File too large");
            JsonObject end = big.getLast();
            assertThat(end.getString("type")).isEqualTo("session.ended");
            assertThat(end.getJsonObject("data").getString("reason")).isEqualTo("error");
            assertThat(end.getJsonObject("data").getString("terminated_by")).isEqualTo("daemon");
            for (int i = 0; i < big.size(); i++) {
                assertThat(big.get(i).getInt("sequence")).isEqualTo(i + 1); // every event served, from memory past the limit
            }
            assertThat(Files.size(files("big").resolve("events-000001.seg"))).isLessThanOrEqualTo(FILE_LIMIT);

            JsonObject health = parse(send("GET", base + "/v1/health", null).body());
            assertThat(health.getString("status")).isEqualTo("ok");
            assertThat(health.getString("storage")).isEqualTo("degraded");
            assertThat(health.getString("storageProblem")).contains("big").contains("File too large");

            turn(base, "small", "still here", 2); // the other session goes on
            assertThat(count(base, "small", "error")).isZero();

            assertThat(send("DELETE", base + "/v1/sessions/big", null).statusCode()).isEqualTo(204);
            assertThat(send("GET", base + "/v1/health", null).body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }
}
