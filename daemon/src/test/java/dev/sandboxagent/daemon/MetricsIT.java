package dev.sandboxagent.daemon;

import dev.sandboxagent.core.testing.PrometheusSamples;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.sandboxagent.daemon.DaemonApi.turnEnded;
import static dev.sandboxagent.daemon.DaemonApi.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the packaged daemon runs a scripted mock session (three turns, a permission, a
 * question, an SSE follower, a delete), then a Prometheus scrape, in the text format and in
 * OpenMetrics, shows exactly what happened; the scrape needs the token.
 */
class MetricsIT {

    private static final String TOKEN = "metrics-it-token";

    @TempDir
    Path data;

    // the daemon runs in the data directory, so the mock's notes.txt (permission granted) lands there
    @Test
    void aScrapeOfThePackagedDaemonShowsTheScriptedSession() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(data, Map.of("SANDBOX_AGENT_DATA_DIR", data.toString()),
                "server", "--token", TOKEN, "--port", "0")) {
            DaemonApi api = new DaemonApi(daemon.awaitUrl(), TOKEN);
            assertThat(new DaemonApi(api.base, null).scrape(null).statusCode()).as("no token").isEqualTo(401);

            api.call("POST", "/v1/sessions/s", "{\"agent\":\"mock\"}", 200);
            assertThat(api.send("POST", "/v1/sessions/s/messages", "{\"message\":\"hello\"}")
                    .headers().firstValue("Sandbox-Turn-Id")).hasValue("turn_1");
            api.awaitEvent("s", turnEnded("turn_1"));

            api.call("POST", "/v1/sessions/s/messages", "{\"message\":\"permission\"}", 204);
            JsonObject asked = api.awaitEvent("s", type("permission.requested"));
            assertThat(api.samples()).containsEntry("sandbox_hitl_pending{kind=\"permission\"}", 1.0)
                    .containsEntry("sandbox_sessions_active", 1.0);
            api.call("POST", "/v1/sessions/s/permissions/" + asked.getJsonObject("data").getString("permission_id")
                    + "/reply", "{\"reply\":\"once\"}", 204);
            api.awaitEvent("s", turnEnded("turn_2"));

            api.call("POST", "/v1/sessions/s/messages", "{\"message\":\"question\"}", 204);
            JsonObject question = api.awaitEvent("s", type("question.requested"));
            api.call("POST", "/v1/sessions/s/questions/" + question.getJsonObject("data").getString("question_id")
                    + "/reply", "{\"answers\":[[\"Blue\"]]}", 204);
            api.awaitEvent("s", turnEnded("turn_3"));

            followOnce(api);
            api.call("GET", "/v1/sessions/nope", null, 404);
            api.call("DELETE", "/v1/sessions/s", null, 204);

            Map<String, Double> m = api.samples();
            assertThat(m).containsEntry("sandbox_sessions_total{agent=\"mock\"}", 1.0)
                    .containsEntry("sandbox_sessions_ended_total{agent=\"mock\",reason=\"terminated\"}", 1.0)
                    .containsEntry("sandbox_sessions_active", 0.0)
                    .containsEntry("sandbox_turns_started_total{agent=\"mock\"}", 3.0)
                    .containsEntry("sandbox_turn_duration_seconds_count{agent=\"mock\",outcome=\"completed\"}", 3.0)
                    .containsEntry("sandbox_events_appended_total{agent=\"mock\",type=\"turn.ended\"}", 3.0)
                    .containsEntry("sandbox_events_appended_total{agent=\"mock\",type=\"session.ended\"}", 1.0)
                    .containsEntry("sandbox_hitl_requested_total{agent=\"mock\",kind=\"permission\"}", 1.0)
                    .containsEntry("sandbox_hitl_requested_total{agent=\"mock\",kind=\"question\"}", 1.0)
                    .containsEntry("sandbox_hitl_answered_total{agent=\"mock\",kind=\"permission\",reply=\"accept\"}", 1.0)
                    .containsEntry("sandbox_hitl_answered_total{agent=\"mock\",kind=\"question\",reply=\"answered\"}", 1.0)
                    .containsEntry("sandbox_hitl_answer_time_seconds_count{agent=\"mock\",kind=\"question\"}", 1.0)
                    .containsEntry("sandbox_hitl_pending{kind=\"permission\"}", 0.0)
                    .containsEntry("sandbox_hitl_pending{kind=\"question\"}", 0.0)
                    // the mock reports one input token a character, 10 out, 5 cached and $0.01 a turn
                    .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"input\"}", (double) "hellopermissionquestion".length())
                    .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"output\"}", 30.0)
                    .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"cached\"}", 15.0)
                    .containsEntry("sandbox_cost_usd_total{agent=\"mock\"}", 0.03)
                    .containsEntry("sandbox_agent_processes_running", 0.0)
                    .containsEntry("sandbox_http_requests_seconds_count{method=\"POST\",route=\"/v1/sessions/{session_id}/messages\",status=\"2xx\"}", 3.0)
                    .containsEntry("sandbox_http_requests_seconds_count{method=\"GET\",route=\"/v1/sessions/{session_id}\",status=\"4xx\"}", 1.0)
                    // refused by the token check before routing: no route template
                    .containsEntry("sandbox_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"4xx\"}", 1.0)
                    .containsEntry("sandbox_http_requests_seconds_count{method=\"GET\",route=\"/v1/sessions/{session_id}/events/sse\",status=\"2xx\"}", 1.0)
                    .containsKey("jvm_threads_live_threads");
            assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\""));
            assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_gc_"));
            assertThat(m.keySet()).as("never a session id in a label").noneMatch(k -> k.contains("\"s\""));

            HttpResponse<String> open = api.scrape("application/openmetrics-text; version=1.0.0");
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("application/openmetrics-text; version=1.0.0"));
            assertThat(open.body()).contains("# TYPE sandbox_sessions counter", "# TYPE sandbox_turn_duration_seconds histogram")
                    .endsWith("# EOF\n");
            assertThat(PrometheusSamples.parse(open.body())).containsEntry("sandbox_sessions_total{agent=\"mock\"}", 1.0)
                    .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"output\"}", 30.0)
                    .containsEntry("sandbox_sessions_active", 0.0);
        }
    }

    /** One SSE follower reads the first event; while it is connected the followers gauge shows it. */
    private static void followOnce(DaemonApi api) throws Exception {
        HttpResponse<InputStream> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.base + "/v1/sessions/s/events/sse?offset=0")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.statusCode()).isEqualTo(200);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("id:1");
            assertThat(api.samples()).containsEntry("sandbox_sse_followers", 1.0);
        }
    }
}
