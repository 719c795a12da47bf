package dev.sandboxagent.daemon;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.sandboxagent.daemon.DaemonApi.turnEnded;
import static dev.sandboxagent.daemon.DaemonApi.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged daemon with {@code --log-format json} at the most verbose level: every line it
 * writes to stdout and stderr (and to {@code --log-to-file}'s file) is one JSON object with the
 * documented fields, session lines carry the session, and neither the token nor a credential
 * value appears anywhere, whatever the requests did (a wrong token, a 404, a permission).
 */
class JsonLogIT {

    private static final String TOKEN = "json-log-it-token-5f1c";
    private static final Map<String, String> CREDENTIALS = Map.of("ANTHROPIC_API_KEY", "sk-ant-json-log-secret-1",
            "OPENAI_API_KEY", "sk-openai-json-log-secret-2", "AMP_API_KEY", "amp-json-log-secret-3");
    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    @TempDir
    Path data;

    @Test
    void everyLineIsJsonWithTheDocumentedFieldsAndNoSecret() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(CREDENTIALS);
        env.put("SANDBOX_AGENT_DATA_DIR", data.toString());
        List<String> lines;
        try (DaemonProcess daemon = new DaemonProcess(env, "server", "--token", TOKEN, "--port", "0",
                "--log-format", "json", "--log-level", "trace", "--log-to-file")) {
            DaemonApi api = new DaemonApi(daemon.awaitUrl(), TOKEN);
            assertThat(new DaemonApi(api.base, "wrong-" + TOKEN).send("GET", "/v1/sessions", null).statusCode()).isEqualTo(401);
            api.call("POST", "/v1/sessions/s", "{\"agent\":\"mock\"}", 200);
            api.call("POST", "/v1/sessions/s/messages", "{\"message\":\"permission\"}", 204);
            JsonObject asked = api.awaitEvent("s", type("permission.requested"));
            api.call("POST", "/v1/sessions/s/permissions/" + asked.getJsonObject("data").getString("permission_id")
                    + "/reply", "{\"reply\":\"reject\"}", 204);
            api.awaitEvent("s", turnEnded("turn_1"));
            api.call("GET", "/v1/sessions/nope", null, 404);
            api.call("DELETE", "/v1/sessions/s", null, 204);
            // the lifecycle's last line must be out before SIGTERM (once it was missing when the signal followed at once)
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (daemon.output.stream().noneMatch(l -> l.contains("session s: deleted"))) {
                assertThat(System.nanoTime()).as("the 'deleted' line within 10 s; output: " + daemon.output).isLessThan(deadline);
                Thread.sleep(20);
            }
            daemon.process.destroy(); // SIGTERM: the shutdown logs too
            assertThat(daemon.awaitExit()).isIn(0, 143);
            lines = daemon.allOutput();
        }
        assertThat(lines).as("the daemon wrote lines").hasSizeGreaterThan(3);
        List<JsonObject> parsed = parseEvery(lines, "stdout/stderr");
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            for (Path file : files.toList()) {
                parseEvery(Files.readAllLines(file), file.toString());
            }
        }

        assertThat(parsed).anySatisfy(l -> assertThat(l.getString("message")).contains("listening on"));
        assertThat(parsed).as("the session's lifecycle, with its session and agent")
                .anySatisfy(l -> {
                    assertThat(l.getString("message")).contains("created");
                    assertThat(l.getString("session_id", null)).isEqualTo("s");
                    assertThat(l.getString("agent", null)).isEqualTo("mock");
                })
                .anySatisfy(l -> {
                    assertThat(l.getString("message")).contains("deleted");
                    assertThat(l.getString("session_id", null)).isEqualTo("s");
                });
        assertThat(parsed).as("a turn line (debug) names its turn").anySatisfy(l -> {
            assertThat(l.getString("level")).isEqualTo("DEBUG");
            assertThat(l.getString("turn_id", null)).isEqualTo("turn_1");
        });
    }

    private static List<JsonObject> parseEvery(List<String> lines, String where) {
        List<JsonObject> out = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).as("a secret in " + where).doesNotContain(TOKEN);
            CREDENTIALS.values().forEach(secret -> assertThat(line).as("a credential in " + where).doesNotContain(secret));
            JsonObject o;
            try {
                o = Json.createReader(new StringReader(line)).readObject();
            } catch (JsonParsingException e) {
                throw new AssertionError("not a JSON line in " + where + ": " + line, e);
            }
            assertThat(o.keySet()).as(line).contains("time", "level", "logger", "message");
            assertThat(Instant.parse(o.getString("time"))).isNotNull();
            assertThat(o.getString("level")).isIn(LEVELS);
            out.add(o);
        }
        return out;
    }
}
