package dev.sandboxagent.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's files under /ui/: served without a token, only what is in the jar, nothing else. */
class UiResourceTest {

    @TempDir
    Path dir;

    private static HttpResponse<String> noToken(TestServer t, String path) {
        return t.send(HttpRequest.newBuilder(URI.create(t.base + path)).GET().build());
    }

    @Test
    void thePageAndItsFilesNeedNoToken() {
        try (TestServer t = new TestServer(dir)) {
            var page = noToken(t, "/ui/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
            assertThat(page.body()).contains("data-testid=\"connect-token\"").contains("src=\"app.js\"");
            var js = noToken(t, "/ui/app.js");
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(noToken(t, "/ui/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
            // the API behind it still needs the token
            assertThat(noToken(t, "/v1/sessions").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void uiRedirectsToTheSlashAndKeepsTheQuery() {
        try (TestServer t = new TestServer(dir)) {
            var res = noToken(t, "/ui?token=abc");
            assertThat(res.statusCode()).isEqualTo(301);
            assertThat(res.headers().firstValue("Location")).hasValue("/ui/?token=abc");
            assertThat(noToken(t, "/ui").headers().firstValue("Location")).hasValue("/ui/");
        }
    }

    @Test
    void unknownOrOddNamesAreProblemsNotFiles() {
        try (TestServer t = new TestServer(dir)) {
            for (String path : new String[]{"/ui/nope.js", "/ui/%2e%2e/openapi.json", "/ui/..%2fopenapi.json",
                    "/ui/.hidden.js", "/ui/app.js.map", "/ui/dev/sandboxagent/http/openapi.json", "/ui/UiResource.class"}) {
                var res = noToken(t, path);
                assertThat(res.statusCode()).as(path).isEqualTo(404);
                assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            }
        }
    }
}
