package dev.sandboxagent.daemon;

import dev.sandboxagent.core.testing.PrometheusSamples;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP calls to a daemon started by a test: the API with its token, the event log, the metrics scrape. */
final class DaemonApi {

    private final HttpClient http = HttpClient.newHttpClient();
    final String base;
    private final String token;

    DaemonApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and checks the status. */
    String call(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> res = send(method, path, body);
        assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isEqualTo(status);
        return res.body();
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    List<JsonObject> events(String session) throws Exception {
        return json(call("GET", "/v1/sessions/" + session + "/events?limit=10000", null, 200)).getJsonArray("events")
                .getValuesAs(JsonValue::asJsonObject);
    }

    /** Polls the session's log until an event matches; fails after 30 s. */
    JsonObject awaitEvent(String session, Predicate<JsonObject> wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        List<JsonObject> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            seen = events(session);
            for (JsonObject e : seen) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such event in session " + session + " within 30 s; log: " + seen);
    }

    static Predicate<JsonObject> type(String type) {
        return e -> e.getString("type").equals(type);
    }

    static Predicate<JsonObject> turnEnded(String turnId) {
        return e -> e.getString("type").equals("turn.ended") && turnId.equals(e.getJsonObject("data").getString("turn_id", null));
    }

    /** The metrics scrape, in the format {@code accept} asks for (null: the default, Prometheus text). */
    HttpResponse<String> scrape(String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Double> samples() throws Exception {
        HttpResponse<String> res = scrape(null);
        assertThat(res.statusCode()).isEqualTo(200);
        return PrometheusSamples.parse(res.body());
    }
}
