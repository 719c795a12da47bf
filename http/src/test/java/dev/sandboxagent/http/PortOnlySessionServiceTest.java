package dev.sandboxagent.http;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.EventsPage;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.UniversalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes serve any {@link SessionService}, not only the engine: one whose streams and pages
 * are the port's plain types (no encode-once bytes) gives the same pages and SSE events.
 */
class PortOnlySessionServiceTest {

    @TempDir
    Path dir;
    TestServer t;
    SandboxHttpServer plain;

    @BeforeEach
    void start() {
        t = new TestServer(dir);
        t.createMockSession("s");
        t.sse(t.request("/v1/sessions/s/messages/stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"stream x y\"}")).build(), 1000);
        plain = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, TestServer.TOKEN,
                CorsSettings.none(), "test", t.home, SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES),
                portOnly(t.mock.engine), t.mock.agents);
    }

    @AfterEach
    void stop() {
        plain.stop();
        t.close();
    }

    private HttpRequest.Builder plainRequest(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TestServer.TOKEN);
    }

    @Test
    void pagesAreTheSameBytes() {
        for (String query : List.of("", "?include_raw=true", "?offset=2&limit=3")) {
            String path = "/v1/sessions/s/events" + query;
            var engine = t.get(path);
            var other = t.send(plainRequest(path).GET().build());
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.body()).isEqualTo(engine.body());
            assertThat(TestServer.parse(other.body()).getJsonArray("events")).isNotEmpty();
        }
    }

    @Test
    void sseCarriesTheSameEvents() {
        int total = (int) t.mock.engine.getSession("s").eventCount();
        for (String query : List.of("", "?include_raw=true&offset=1")) {
            String path = "/v1/sessions/s/events/sse" + query;
            var engine = t.sse(t.request(path).GET().build(), total - 1);
            var other = t.sse(plainRequest(path).GET().build(), total - 1);
            assertThat(other).isNotEmpty().isEqualTo(engine);
        }
        var turn = t.sse(plainRequest("/v1/sessions/s/messages/stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"stream a\"}")).build(), 1000);
        assertThat(turn.getFirst().type()).isEqualTo("turn.started");
        assertThat(turn.getLast().type()).isEqualTo("turn.ended");
    }

    /** The engine behind a proxy that hands out only the port's types. */
    private static SessionService portOnly(SessionService engine) {
        return (SessionService) Proxy.newProxyInstance(SessionService.class.getClassLoader(),
                new Class<?>[]{SessionService.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof EventsPage page) {
                        return EventsPage.of(page.events(), page.hasMore());
                    }
                    if (result instanceof EventStream stream) {
                        return new PlainStream(stream);
                    }
                    return result;
                });
    }

    private record PlainStream(EventStream inner) implements EventStream {
        @Override
        public List<UniversalEvent> poll(Duration maxWait) throws InterruptedException {
            return inner.poll(maxWait);
        }

        @Override
        public boolean isFinished() {
            return inner.isFinished();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
