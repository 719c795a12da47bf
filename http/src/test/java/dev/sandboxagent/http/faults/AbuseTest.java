package dev.sandboxagent.http.faults;

import dev.sandboxagent.http.ServerTestBase;
import dev.sandboxagent.http.TestServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile and malformed requests: every answer is a 4xx problem+json without a stack
 * trace, never a 5xx, and the daemon keeps serving everyone else.
 */
class AbuseTest extends ServerTestBase {

    AbuseTest() {
        super("live", "new"); // "new" exists: a create that passes validation is a 409, not a new session
    }

    private record Probe(String method, String path, String body) {
    }

    private static final String[] BAD_JSON = {"", "{", "}", "[", "{\"a\":}", "{'agent':'mock'}", "nul", "{\"agent\":\"mock\",}",
            "{\"agent\" \"mock\"}", "\u0000", "{\"agent\":\"mock\"}{}", "[]", "123", "\"x\"", "true", "null",
            "{\"agent\":\"\\ud800\"}", "\uFEFF\uFEFF", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"};
    private static final String[] WRONG_VALUES = {"1", "true", "[]", "{}", "null", "1.5e400", "\"\"",
            "\"\u202E\u0000\uFFFF\"", "\"\uD83D\uDCA5\"", "-1"};
    private static final String[] SESSION_FIELDS = {"agent", "agentMode", "agentVersion", "directory", "mcp", "model",
            "permissionMode", "skills", "title", "variant"};
    private static final String[] BAD_IDS = {"..", "%2e%2e", "a%2Fb", "%00", "a%20b", "%E2%80%AE", "x".repeat(300),
            "%F0%9F%92%A5", "-leading", ".hidden", "a%3Bb", "a%0Ab", "*", "%25"};

    private static List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        String[] bodyRoutes = {"/v1/sessions/new", "/v1/sessions/live/messages", "/v1/sessions/live/messages/stream",
                "/v1/sessions/live/permissions/p/reply", "/v1/sessions/live/questions/q/reply", "/v1/agents/mock/install"};
        for (String route : bodyRoutes) {
            for (String body : BAD_JSON) {
                if (route.endsWith("/install") && (body.isEmpty() || body.equals("null") || body.startsWith("{\"agent\""))) {
                    continue; // no body, null, or an object without options: a valid plain install
                }
                probes.add(new Probe("POST", route, body));
            }
        }
        for (String field : SESSION_FIELDS) {
            for (String value : WRONG_VALUES) {
                String body = field.equals("agent") ? "{\"agent\":" + value + "}" : "{\"agent\":\"mock\",\"" + field + "\":" + value + "}";
                boolean acceptable = value.equals("null") && !field.equals("agent"); // null = absent
                boolean emptyOk = value.equals("\"\"") && !List.of("agent", "agentMode", "permissionMode").contains(field);
                if (!acceptable && !emptyOk && !(value.startsWith("\"") && List.of("title", "model", "variant", "agentVersion").contains(field))) {
                    probes.add(new Probe("POST", "/v1/sessions/new", body));
                }
            }
        }
        for (String value : WRONG_VALUES) {
            probes.add(new Probe("POST", "/v1/sessions/live/messages", "{\"message\":" + (value.startsWith("\"") ? "1" : value) + "}"));
            if (!value.equals("null") && !value.equals("[]")) { // both mean "no attachments"
                probes.add(new Probe("POST", "/v1/sessions/live/messages", "{\"message\":\"x\",\"attachments\":" + value + "}"));
            }
            probes.add(new Probe("POST", "/v1/sessions/live/permissions/p/reply", "{\"reply\":" + value + "}"));
            probes.add(new Probe("POST", "/v1/sessions/live/questions/q/reply", "{\"answers\":" + value + "}"));
            probes.add(new Probe("POST", "/v1/agents/mock/install", "{\"reinstall\":" + (value.equals("true") ? "7" : value.equals("null") ? "\"no\"" : value) + "}"));
        }
        for (String mode : new String[]{"yolo", "BYPASS", "Default", "accept_edits", "\u0000"}) {
            probes.add(new Probe("POST", "/v1/sessions/new", "{\"agent\":\"mock\",\"permissionMode\":\"" + mode.replace("\u0000", "\\u0000") + "\"}"));
            probes.add(new Probe("POST", "/v1/sessions/new", "{\"agent\":\"mock\",\"agentMode\":\"" + mode.replace("\u0000", "\\u0000") + "\"}"));
            probes.add(new Probe("POST", "/v1/sessions/live/permissions/p/reply", "{\"reply\":\"" + mode.replace("\u0000", "\\u0000") + "\"}"));
        }
        for (String id : BAD_IDS) {
            probes.add(new Probe("POST", "/v1/sessions/" + id, "{\"agent\":\"mock\"}"));
            for (String suffix : new String[]{"", "/events", "/events/sse", "/messages", "/interrupt", "/terminate"}) {
                probes.add(new Probe(suffix.isEmpty() || suffix.startsWith("/events") ? "GET" : "POST",
                        "/v1/sessions/" + id + suffix, "{\"message\":\"hi\"}"));
            }
            probes.add(new Probe("GET", "/v1/agents/" + id + "/modes", null));
            probes.add(new Probe("GET", "/v1/agents/" + id + "/models", null));
            probes.add(new Probe("POST", "/v1/agents/" + id + "/install", "{}"));
            probes.add(new Probe("POST", "/v1/sessions/" + id + "/permissions/p/reply", "{\"reply\":\"once\"}"));
            probes.add(new Probe("POST", "/v1/sessions/" + id + "/questions/q/reply", "{\"answers\":[[\"a\"]]}"));
            probes.add(new Probe("POST", "/v1/sessions/" + id + "/questions/q/reject", ""));
            probes.add(new Probe("POST", "/v1/sessions/live/permissions/" + id + "/reply", "{\"reply\":\"once\"}"));
            probes.add(new Probe("POST", "/v1/sessions/live/questions/" + id + "/reject", ""));
        }
        String huge = "{\"message\":\"" + "\u00e9".repeat(600_000) + "\"}"; // > 1 MiB of UTF-8
        for (String route : bodyRoutes) {
            probes.add(new Probe("POST", route, huge));
        }
        for (String agent : new String[]{"Mock", "MOCK", "mock ", "claude-code", "gpt", "../mock", "mock\\u0000"}) {
            probes.add(new Probe("POST", "/v1/sessions/new", "{\"agent\":\"" + agent + "\"}"));
        }
        for (String reply : new String[]{"ONCE", "Always", "rejected", "allow", "deny", "yes", "0", "once ", " once", "acceptForSession"}) {
            probes.add(new Probe("POST", "/v1/sessions/live/permissions/p/reply", "{\"reply\":\"" + reply + "\"}"));
        }
        for (String q : new String[]{"offset=-1", "offset=abc", "offset=1e9", "offset=99999999999999999999", "limit=-5",
                "limit=x", "include_raw=2", "offset=%00", "limit=%F0%9F%92%A5", "close_at_end=2", "close_at_end=maybe"}) {
            if (!q.startsWith("close_at_end")) { // the page route has no such parameter: ignored there
                probes.add(new Probe("GET", "/v1/sessions/live/events?" + q, null));
            }
            if (!q.startsWith("limit")) { // the stream has no limit parameter, so a bad one is not an error there
                probes.add(new Probe("GET", "/v1/sessions/live/events/sse?" + q, null));
            }
        }
        for (String path : new String[]{"/v1/sessions/live/nothing", "/v1/../etc/passwd", "/v1/sessions/live/events/sse/x",
                "/v2/sessions", "/v1/agents/mock/modes/extra"}) {
            for (String method : new String[]{"GET", "POST", "PUT", "DELETE", "PATCH"}) {
                probes.add(new Probe(method, path, "{}"));
            }
        }
        return probes;
    }

    @Test
    void fiveHundredMalformedRequestsGetProblemsAndNoServerError() throws Exception {
        List<Probe> probes = probes();
        assertThat(probes.size()).isGreaterThanOrEqualTo(500);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Probe p : probes) {
                pool.submit(() -> {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base + p.path()))
                            .timeout(java.time.Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + TestServer.TOKEN)
                            .header("Content-Type", "application/json")
                            .method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(p.body()));
                    try {
                        HttpResponse<String> res = t.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        String type = res.headers().firstValue("Content-Type").orElse("");
                        if (res.statusCode() < 400 || res.statusCode() >= 500 || !type.equals("application/problem+json")
                                || res.body().contains("Exception") || res.body().contains("\tat ")) {
                            failures.add(p + " -> " + res.statusCode() + " " + type + " " + res.body());
                        } else {
                            JsonObject problem = TestServer.parse(res.body());
                            if (!problem.getString("type").startsWith("urn:sandbox-agent:error:")) {
                                failures.add(p + " -> bad problem type " + res.body());
                            }
                        }
                    } catch (java.io.IOException e) {
                        // An oversized body may be cut off: the server answers 413 and closes while the
                        // client is still sending. That is a refusal too; anything else is a failure.
                        if (p.body() == null || p.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1 << 20) {
                            failures.add(p + " -> " + e);
                        }
                    } catch (Exception e) {
                        failures.add(p + " -> " + e);
                    }
                });
            }
        }
        assertThat(failures).isEmpty();
        // nothing was harmed
        assertThat(t.get("/v1/health").statusCode()).isEqualTo(200);
        var turn = t.sse(t.request("/v1/sessions/live/messages/stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"text fine\"}")).build(), 100);
        assertThat(turn.getLast().type()).isEqualTo("turn.ended");
        assertThat(t.mock.engine.listSessions()).hasSize(2);
    }

    @Test
    void duplicateIdsCreatedConcurrentlyHaveExactlyOneWinner() throws Exception {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> {
                    go.await();
                    var res = t.post("/v1/sessions/contested", "{\"agent\":\"mock\"}");
                    (res.statusCode() == 200 ? created : conflicts).incrementAndGet();
                    if (res.statusCode() != 200) {
                        assertThat(res.statusCode()).isEqualTo(409);
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(created).hasValue(1);
        assertThat(conflicts).hasValue(39);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        int port = Integer.parseInt(t.base.substring(t.base.lastIndexOf(':') + 1));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            // Announces 100 MB and sends almost nothing: the answer must come without the body.
            out.write(("POST /v1/sessions/live/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{\"message\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertThat(t.get("/v1/health").statusCode()).isEqualTo(200);
    }
}
