package dev.sandboxagent.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;

import static dev.sandboxagent.http.SessionsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Bearer auth on every route but the public ones; CORS when configured. */
class AuthAndCorsTest {

    @TempDir
    Path dir;

    @Test
    void everyNonPublicRouteRefusesAMissingOrWrongToken() {
        try (TestServer t = new TestServer(dir)) {
            t.createMockSession("s");
            var resources = SandboxHttpServer.resources(t.mock.engine, t.mock.agents, "test");
            int checked = 0;
            for (ApiResource r : resources) {
                for (Endpoint e : r.endpoints()) {
                    String path = r.fullPath(e).replace("{session_id}", "s").replace("{agent}", "mock")
                            .replace("{permission_id}", "p").replace("{question_id}", "q");
                    boolean isPublic = AuthFilter.isPublic(r.fullPath(e));
                    for (String auth : new String[]{null, "Bearer wrong", "Basic dGVzdA==", "Bearer " + TestServer.TOKEN + "x"}) {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base + path))
                                .method(e.method().text(), HttpRequest.BodyPublishers.ofString("{}"));
                        if (auth != null) {
                            b.header("Authorization", auth);
                        }
                        var res = t.send(b.build());
                        if (isPublic) {
                            assertThat(res.statusCode()).as(path).isEqualTo(200);
                        } else {
                            assertProblem(res, 401, "token_invalid");
                            assertThat(res.body()).doesNotContain(TestServer.TOKEN);
                        }
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(60);
            // the session is untouched
            assertThat(t.mock.engine.getSession("s").ended()).isFalse();
        }
    }

    @Test
    void publicRoutes() {
        try (TestServer t = new TestServer(dir)) {
            var health = t.send(HttpRequest.newBuilder(URI.create(t.base + "/v1/health")).build());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            var root = t.send(HttpRequest.newBuilder(URI.create(t.base + "/")).build());
            assertThat(TestServer.parse(root.body()).getString("openapi")).isEqualTo("/v1/openapi.json");
        }
    }

    @Test
    void noTokenServesWithoutAuth() {
        try (TestServer t = new TestServer(dir, null, CorsSettings.none())) {
            var res = t.send(HttpRequest.newBuilder(URI.create(t.base + "/v1/sessions")).build());
            assertThat(res.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void corsPreflightAndHeaders() {
        CorsSettings cors = new CorsSettings(List.of("https://app.example"), List.of(), List.of(), true);
        try (TestServer t = new TestServer(dir, TestServer.TOKEN, cors)) {
            var preflight = t.send(HttpRequest.newBuilder(URI.create(t.base + "/v1/sessions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "POST").build());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

            var actual = t.send(t.request("/v1/sessions").header("Origin", "https://app.example").GET().build());
            assertThat(actual.statusCode()).isEqualTo(200);
            assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");

            var other = t.send(t.request("/v1/sessions").header("Origin", "https://evil.example").GET().build());
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            var otherPreflight = t.send(HttpRequest.newBuilder(URI.create(t.base + "/v1/sessions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST").build());
            assertThat(otherPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(otherPreflight.statusCode()).isEqualTo(401);
        }
    }
}
