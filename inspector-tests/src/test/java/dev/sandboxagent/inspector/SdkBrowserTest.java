package dev.sandboxagent.inspector;

import com.sun.net.httpserver.HttpServer;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.SandboxHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript SDK in a real browser (Debian's Chromium): {@code sdks/typescript/dist} is
 * served by a page on one origin and talks to the daemon on another (CORS), as a web app would.
 * It connects, creates a mock session, prompts a turn that asks a permission, answers it while
 * the turn streams, replays the log with {@code streamEvents}, and gets a 404 as a
 * {@code SandboxAgentError}.
 */
class SdkBrowserTest {

    private static final String TOKEN = "sdk-browser-token";
    private static final Path DIST = Path.of("..", "sdks", "typescript", "dist").toAbsolutePath().normalize();

    @TempDir
    Path data;
    private MockEngine mock;
    private SandboxHttpServer daemon;
    private HttpServer page;
    private Browser browser;

    @BeforeEach
    void start() throws IOException {
        if (!Files.isRegularFile(DIST.resolve("index.js"))) {
            throw new AssertionError(DIST.resolve("index.js") + " is missing: build the SDK first"
                    + " (cd sdks/typescript && npm ci && npm run build; ./run-tests does it before Maven)");
        }
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + page.getAddress().getPort();
        page.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.equals("/")) {
                body = "<!doctype html><title>sdk</title><p>SDK test page</p>".getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else if (path.startsWith("/dist/") && !path.contains("..") && Files.isRegularFile(DIST.resolve(path.substring(6)))) {
                body = Files.readAllBytes(DIST.resolve(path.substring(6)));
                type = "text/javascript; charset=utf-8";
            } else {
                body = new byte[0];
                type = "text/plain";
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        page.start();
        mock = new MockEngine(data);
        daemon = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, TOKEN,
                new CorsSettings(List.of(origin), List.of(), List.of(), false), "test", data,
                SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES), mock.engine, mock.agents);
        browser = new Browser();
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90)); // a loaded machine
        browser.open(origin + "/");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        if (mock != null) {
            mock.engine.shutdown();
        }
        if (page != null) {
            page.stop(0);
        }
    }

    @Test
    void aSessionWithAPermissionRunsThroughTheSdkInTheBrowser() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeAsyncScript("""
                        const [baseUrl, token, done] = arguments;
                        (async () => {
                          const { SandboxAgent, SandboxAgentError } = await import('/dist/index.js');
                          const client = await SandboxAgent.connect({ baseUrl, token });
                          const health = await client.getHealth();
                          await client.createSession('b1', { agent: 'mock' });
                          const seen = [];
                          for await (const e of client.session('b1').prompt('permission')) {
                            seen.push(e.type);
                            if (e.type === 'permission.requested') {
                              await client.replyPermission('b1', e.data.permission_id, { reply: 'once' });
                            }
                          }
                          const stop = new AbortController();
                          const replayed = [];
                          for await (const e of client.streamEvents('b1', { offset: 0 }, stop.signal)) {
                            replayed.push(e.sequence);
                            if (e.type === 'turn.ended') { stop.abort(); break; }
                          }
                          let missing = null;
                          try { await client.getSession('nope'); } catch (err) {
                            missing = err instanceof SandboxAgentError ? err.status : String(err);
                          }
                          done({ ok: true, health: health.status, seen, replayed, missing,
                                 agent: navigator.userAgent });
                        })().catch(err => done({ ok: false, error: String(err && err.stack || err) }));
                        """, "http://127.0.0.1:" + daemon.port(), TOKEN);

        assertThat(result.get("ok")).as(String.valueOf(result.get("error"))).isEqualTo(true);
        assertThat((String) result.get("agent")).as("a real Chromium ran it").contains("Chrome");
        assertThat(result.get("health")).isEqualTo("ok");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) result.get("seen");
        assertThat(seen).contains("turn.started", "permission.requested", "permission.resolved").endsWith("turn.ended");
        @SuppressWarnings("unchecked")
        List<Long> replayed = (List<Long>) result.get("replayed");
        assertThat(replayed).as("every event once, in order, from the start").startsWith(1L)
                .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(result.get("missing")).isEqualTo(404L);
        assertThat(data.resolve("notes.txt")).as("the permission was granted: the mock wrote its file").hasContent("hello");
    }
}
