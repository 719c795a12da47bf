package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.adapters.pi.fake.ChatScript;
import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.SandboxHttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when" for pi: over the HTTP API a pi session is listed with its capabilities,
 * created, prompted, interrupted, and continued by its native id in a new session (a new pi process).
 */
class PiOverHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Events of the SSE stream from {@code offset} up to and including the first of {@code type}. */
    private List<JsonObject> until(String sessionUrl, long offset, String type) throws Exception {
        HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/events/sse?offset=" + offset))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<JsonObject> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("data:")) {
                    JsonObject e = Jsons.parseObject(line.substring(5));
                    events.add(e);
                    if (e.getString("type").equals(type)) {
                        return events;
                    }
                }
            }
        }
        throw new AssertionError("stream ended before " + type + ": " + events);
    }

    private static String lastAssistantText(List<JsonObject> events) {
        return events.stream().filter(e -> e.getString("type").equals("item.completed"))
                .map(e -> e.getJsonObject("data").getJsonObject("item"))
                .filter(i -> i.getString("kind").equals("message") && "assistant".equals(i.getString("role", null)))
                .map(i -> i.getJsonArray("content").getJsonObject(0).getString("text", "")).reduce((a, b) -> b).orElse("");
    }

    private static long lastSequence(List<JsonObject> events) {
        return events.getLast().getJsonNumber("sequence").longValue();
    }

    @Test
    void listedCreatedPromptedInterruptedAndResumedOverHttp() throws Exception {
        try (PiTestEnvironment env = new PiTestEnvironment()) {
            AgentCatalog catalog = env.catalog();
            SessionEngine engine = env.engine(catalog);
            SandboxHttpServer server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, null,
                    CorsSettings.none(), "test"), engine, catalog);
            try {
                String v1 = "http://127.0.0.1:" + server.port() + "/v1";
                JsonObject pi = Jsons.parseObject(send("GET", v1 + "/agents", null).body()).getJsonArray("agents")
                        .getValuesAs(JsonValue::asJsonObject).stream().filter(a -> a.getString("id").equals("pi"))
                        .findFirst().orElseThrow();
                assertThat(pi.getBoolean("installed")).isTrue();
                assertThat(pi.getJsonObject("capabilities").getBoolean("permissions")).isFalse();
                assertThat(pi.getJsonObject("capabilities").getBoolean("streamingDeltas")).isTrue();

                String first = v1 + "/sessions/pi-http";
                assertThat(send("POST", first, "{\"agent\":\"pi\",\"permissionMode\":\"default\"}").statusCode()).isEqualTo(200);
                assertThat(send("POST", first + "/messages", "{\"message\":\"" + ChatScript.HISTORY + "\"}").statusCode())
                        .isEqualTo(204);
                List<JsonObject> turn1 = until(first, 0, "turn.ended");
                assertThat(lastAssistantText(turn1)).isEqualTo("I have seen 1 prompts.");

                assertThat(send("POST", first + "/messages", "{\"message\":\"" + ChatScript.HANG + "\"}").statusCode())
                        .isEqualTo(204);
                until(first, lastSequence(turn1), "item.delta"); // pi is streaming the hanging answer
                assertThat(send("POST", first + "/interrupt", null).statusCode()).isBetween(200, 204);
                List<JsonObject> turn2 = until(first, lastSequence(turn1), "turn.ended");
                assertThat(turn2).noneMatch(e -> e.getString("type").equals("error"));

                String nativeId = Jsons.parseObject(send("GET", first, null).body()).getString("nativeSessionId");
                assertThat(nativeId).isNotBlank();
                String second = v1 + "/sessions/pi-http-resumed";
                assertThat(send("POST", second, "{\"agent\":\"pi\",\"nativeSessionId\":\"" + nativeId + "\"}").statusCode())
                        .isEqualTo(200);
                assertThat(send("POST", second + "/messages", "{\"message\":\"" + ChatScript.HISTORY + "\"}").statusCode())
                        .isEqualTo(204);
                // the first prompt, the interrupted one, and this one (pi keeps the user messages of an aborted run)
                assertThat(lastAssistantText(until(second, 0, "turn.ended"))).isEqualTo("I have seen 3 prompts.");
            } finally {
                server.stop();
                engine.shutdown();
            }
        }
    }
}
