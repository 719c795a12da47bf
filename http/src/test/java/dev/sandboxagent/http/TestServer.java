package dev.sandboxagent.http;

import dev.sandboxagent.core.testing.MockEngine;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real server on an ephemeral port, backed by the mock agent, plus a small HTTP client. */
public final class TestServer implements AutoCloseable {

    public static final String TOKEN = "test-token-123";

    public final MockEngine mock;
    final SandboxHttpServer server;
    public final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String base;
    public final Path home;

    public TestServer(Path dataDir) {
        this(dataDir, TOKEN, CorsSettings.none());
    }

    public TestServer(Path dataDir, String token, CorsSettings cors, dev.sandboxagent.core.spi.AgentAdapter... extra) {
        this(dataDir, token, cors, SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES, extra);
    }

    /** {@code home} (the fs routes' base without a session) is {@code dataDir/home}. */
    public TestServer(Path dataDir, String token, CorsSettings cors, long fsMaxUploadBytes,
                      dev.sandboxagent.core.spi.AgentAdapter... extra) {
        this(dataDir, token, cors, fsMaxUploadBytes, new DaemonMetrics(false), extra);
    }

    /** A server whose engine reports to {@code metrics}, as the daemon's does. */
    public TestServer(Path dataDir, DaemonMetrics metrics, dev.sandboxagent.core.spi.AgentAdapter... extra) {
        this(dataDir, TOKEN, CorsSettings.none(), SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES, metrics, extra);
    }

    private TestServer(Path dataDir, String token, CorsSettings cors, long fsMaxUploadBytes, DaemonMetrics metrics,
                       dev.sandboxagent.core.spi.AgentAdapter... extra) {
        this.mock = new MockEngine(dataDir, metrics.engineObserver(), extra);
        mock.agents.observeWith(metrics.engineObserver());
        this.home = dataDir.resolve("home");
        try {
            java.nio.file.Files.createDirectories(home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, token, cors, "test",
                home, fsMaxUploadBytes), mock.engine, mock.agents, metrics);
        this.base = "http://127.0.0.1:" + server.port();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public void createMockSession(String id) {
        var res = post("/v1/sessions/" + id, "{\"agent\":\"mock\"}");
        if (res.statusCode() != 200) {
            throw new AssertionError("create failed: " + res.statusCode() + " " + res.body());
        }
    }

    /** Server-sent events of a GET or POST, read until the server ends the stream or {@code max} events. */
    public List<SseEvent> sse(HttpRequest request, int max) {
        if (max <= 0) {
            return List.of();
        }
        int[] count = {0};
        return sseUntil(request, e -> ++count[0] >= max);
    }

    /** Server-sent events until one matches {@code last} (inclusive) or the server ends the stream. */
    public List<SseEvent> sseUntil(HttpRequest request, java.util.function.Predicate<SseEvent> last) {
        try {
            HttpResponse<Stream<String>> res = client.send(request, HttpResponse.BodyHandlers.ofLines());
            if (res.statusCode() != 200) {
                throw new AssertionError("SSE request answered " + res.statusCode());
            }
            List<SseEvent> events = new ArrayList<>();
            try (Stream<String> lines = res.body()) {
                var it = lines.iterator();
                String id = null;
                StringBuilder data = new StringBuilder();
                boolean done = false;
                while (!done && it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            SseEvent e = new SseEvent(id, parse(data.toString()));
                            events.add(e);
                            done = last.test(e);
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record SseEvent(String id, JsonObject data) {
        public long sequence() {
            return data.getJsonNumber("sequence").longValue();
        }

        public String type() {
            return data.getString("type");
        }
    }

    public static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static JsonStructure parseAny(String json) {
        return Json.createReader(new StringReader(json)).read();
    }

    @Override
    public void close() {
        mock.engine.shutdown();
        server.stop();
    }
}
