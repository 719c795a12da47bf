package dev.sandboxagent.http;

import dev.sandboxagent.core.process.ProcessObserver;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.PrometheusSamples;
import dev.sandboxagent.core.testing.stub.StubProcessAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Prometheus scrape after a scripted session: a mock session with two turns and a permission,
 * a stub agent that crashes, a delete. Each family moves by exactly what happened.
 */
class MetricsTest {

    @TempDir
    Path dir;
    DaemonMetrics metrics;
    TestServer t;

    @BeforeEach
    void setUp() {
        metrics = new DaemonMetrics(false);
        ProcessObserver.install(metrics.processObserver());
        t = new TestServer(dir, metrics, new StubProcessAdapter());
    }

    @AfterEach
    void tearDown() {
        t.close();
        ProcessObserver.install(null);
        metrics.close();
    }

    private Map<String, Double> scrape() {
        HttpResponse<String> res = t.get("/v1/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue(DaemonMetrics.PROMETHEUS_TEXT);
        return PrometheusSamples.parse(res.body());
    }

    private void post(String path, String body, int status) {
        assertThat(t.post(path, body).statusCode()).as(path).isEqualTo(status);
    }

    @Test
    void aScriptedSessionMovesEachFamilyByWhatHappened() {
        post("/v1/sessions/s", "{\"agent\":\"mock\"}", 200);
        t.mock.turn("s", "hello");
        long from = t.mock.engine.getSession("s").eventCount();
        post("/v1/sessions/s/messages", "{\"message\":\"permission\"}", 204);
        var asked = t.mock.readUntil("s", from, MockEngine.ofType(UniversalEventType.PERMISSION_REQUESTED));
        String permissionId = ((dev.sandboxagent.core.schema.PermissionEventData) asked.getLast().data()).permissionId();
        assertThat(scrape()).containsEntry("sandbox_hitl_pending{kind=\"permission\"}", 1.0);
        post("/v1/sessions/s/permissions/" + permissionId + "/reply", "{\"reply\":\"once\"}", 204);
        t.mock.readUntil("s", from, MockEngine.turnEnded("turn_2"));
        post("/v1/sessions/x", "{\"agent\":\"stub\"}", 200);
        post("/v1/sessions/x/messages", "{\"message\":\"crash\"}", 204);
        t.mock.readUntil("x", 0, MockEngine.ofType(UniversalEventType.SESSION_ENDED));
        assertThat(t.delete("/v1/sessions/s").statusCode()).isEqualTo(204);
        assertThat(t.get("/v1/sessions/nope").statusCode()).isEqualTo(404);

        Map<String, Double> m = scrape();
        assertThat(m).containsEntry("sandbox_sessions_total{agent=\"mock\"}", 1.0)
                .containsEntry("sandbox_sessions_total{agent=\"stub\"}", 1.0)
                .containsEntry("sandbox_sessions_ended_total{agent=\"mock\",reason=\"terminated\"}", 1.0)
                .containsEntry("sandbox_sessions_ended_total{agent=\"stub\",reason=\"error\"}", 1.0)
                .containsEntry("sandbox_sessions_active", 0.0)
                .containsEntry("sandbox_turns_started_total{agent=\"mock\"}", 2.0)
                .containsEntry("sandbox_turns_started_total{agent=\"stub\"}", 1.0)
                .containsEntry("sandbox_turn_duration_seconds_count{agent=\"mock\",outcome=\"completed\"}", 2.0)
                .containsEntry("sandbox_turn_duration_seconds_count{agent=\"stub\",outcome=\"aborted\"}", 1.0)
                .containsEntry("sandbox_events_appended_total{agent=\"mock\",type=\"permission.requested\"}", 1.0)
                .containsEntry("sandbox_events_appended_total{agent=\"mock\",type=\"turn.ended\"}", 2.0)
                .containsEntry("sandbox_events_appended_total{agent=\"stub\",type=\"session.ended\"}", 1.0)
                .containsEntry("sandbox_hitl_requested_total{agent=\"mock\",kind=\"permission\"}", 1.0)
                .containsEntry("sandbox_hitl_answered_total{agent=\"mock\",kind=\"permission\",reply=\"accept\"}", 1.0)
                .containsEntry("sandbox_hitl_answer_time_seconds_count{agent=\"mock\",kind=\"permission\"}", 1.0)
                .containsEntry("sandbox_hitl_pending{kind=\"permission\"}", 0.0)
                .containsEntry("sandbox_agent_crashes_total{agent=\"stub\",exit_class=\"signal\"}", 1.0)
                .containsEntry("sandbox_agent_processes_started_total{program=\"sh\"}", 1.0)
                .containsEntry("sandbox_agent_processes_exited_total{exit_class=\"signal\",program=\"sh\"}", 1.0)
                .containsEntry("sandbox_agent_processes_running", 0.0)
                // the mock reports (length of the message, 10, 5, $0.01) a turn: "hello", "permission"
                .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"input\"}", 15.0)
                .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"output\"}", 20.0)
                .containsEntry("sandbox_tokens_total{agent=\"mock\",kind=\"cached\"}", 10.0)
                .containsEntry("sandbox_cost_usd_total{agent=\"mock\"}", 0.02)
                .containsEntry("sandbox_http_requests_seconds_count{method=\"POST\",route=\"/v1/sessions/{session_id}\",status=\"2xx\"}", 2.0)
                .containsEntry("sandbox_http_requests_seconds_count{method=\"GET\",route=\"/v1/sessions/{session_id}\",status=\"4xx\"}", 1.0)
                .containsKey("sandbox_sse_followers")
                .containsKey("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}")
                .containsKey("jvm_threads_live_threads");
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_gc_"));
        assertThat(m.keySet()).as("never a session id in a label").noneMatch(k -> k.contains("\"s\"") || k.contains("\"x\""));
    }

    @Test
    void aStreamIsTimedToItsFirstByteNotUntilItCloses() throws Exception {
        post("/v1/sessions/s", "{\"agent\":\"mock\"}", 200);
        long sent = System.nanoTime();
        HttpResponse<java.io.InputStream> stream = t.client.send(t.request("/v1/sessions/s/messages/stream")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hang\"}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        double headSeconds = (System.nanoTime() - sent) / 1e9; // the server sent its head before we got it
        assertThat(stream.statusCode()).isEqualTo(200);
        try (var body = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            t.mock.readUntil("s", 0, MockEngine.ofType(UniversalEventType.ITEM_DELTA)); // the turn hangs mid-reply
            Thread.sleep(headSeconds < 1 ? 1000 : (long) (headSeconds * 1000) + 500); // the stream outlives its head
            post("/v1/sessions/s/interrupt", "", 204);
            while (body.readLine() != null) {
                // the turn's stream ends with the turn
            }
        }
        long streamNanos = System.nanoTime() - sent;
        String key = "sandbox_http_requests_seconds_sum{method=\"POST\",route=\"/v1/sessions/{session_id}/messages/stream\",status=\"2xx\"}";
        Map<String, Double> m = scrape();
        assertThat(m).containsEntry(key.replace("_sum", "_count"), 1.0);
        assertThat(m.get(key)).as("time to the head, not the stream's %s s", streamNanos / 1e9)
                .isLessThanOrEqualTo(headSeconds);
    }

    @Test
    void theScrapeNeedsTheTokenAndSpeaksOpenMetricsWhenAsked() {
        var anonymous = t.send(HttpRequest.newBuilder(java.net.URI.create(t.base + "/metrics")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        var open = t.send(t.request("/metrics").header("Accept", "application/openmetrics-text; version=1.0.0").GET().build());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("Content-Type")).hasValue(DaemonMetrics.OPENMETRICS);
        assertThat(open.body()).contains("# TYPE jvm_threads_live_threads gauge").endsWith("# EOF\n");
    }

    @Test
    void metricsPublicServesTheScrapeWithoutTheTokenButNothingElse() {
        try (DaemonMetrics open = new DaemonMetrics(true); TestServer pub = new TestServer(dir.resolve("p"), open)) {
            var scrape = pub.send(HttpRequest.newBuilder(java.net.URI.create(pub.base + "/metrics")).GET().build());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("jvm_threads_live_threads");
            var sessions = pub.send(HttpRequest.newBuilder(java.net.URI.create(pub.base + "/v1/sessions")).GET().build());
            assertThat(sessions.statusCode()).isEqualTo(401);
        }
    }
}
