package dev.sandboxagent.http;

import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.stub.StubProcessAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token and the agents' credentials never reach the log, at any level (every logger at
 * ALL, Helidon's request logging included), whether a request carries the right token, a wrong
 * one, or none, through sessions, SSE, a crash and errors.
 */
class LogSecretsTest {

    private static final String TOKEN = "tok-9f2c1e7a-never-logged";
    private static final String WRONG_TOKEN = "wrong-5b8d-never-logged";
    private static final Map<String, String> CREDENTIALS = Map.of(
            "ANTHROPIC_API_KEY", "sk-ant-api03-never-logged-4c1d", "OPENAI_API_KEY", "sk-proj-never-logged-77aa");

    @TempDir
    Path dir;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restore() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    private static HttpResponse<String> send(HttpClient client, String base, String method, String path, String token,
                                             String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noLogLineHoldsTheTokenOrACredential() throws Exception {
        MockEngine mock = new MockEngine(dir, CREDENTIALS, dev.sandboxagent.core.port.EngineObserver.NONE,
                new StubProcessAdapter());
        SandboxHttpServer server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, TOKEN,
                CorsSettings.none(), "test", dir, SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES), mock.engine, mock.agents);
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        try {
            assertThat(send(client, base, "POST", "/v1/sessions/a", TOKEN, "{\"agent\":\"mock\"}").statusCode()).isEqualTo(200);
            assertThat(send(client, base, "POST", "/v1/sessions/a/messages/stream", TOKEN, "{\"message\":\"tool\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(send(client, base, "GET", "/v1/sessions", WRONG_TOKEN, null).statusCode()).isEqualTo(401);
            assertThat(send(client, base, "GET", "/v1/metrics", null, null).statusCode()).isEqualTo(401);
            assertThat(send(client, base, "GET", "/v1/sessions/nope", TOKEN, null).statusCode()).isEqualTo(404);
            assertThat(send(client, base, "POST", "/v1/sessions/b", TOKEN, "{\"agent\":").statusCode()).isEqualTo(400);
            assertThat(send(client, base, "POST", "/v1/sessions/x", TOKEN, "{\"agent\":\"stub\"}").statusCode())
                    .isEqualTo(200);
            send(client, base, "POST", "/v1/sessions/x/messages", TOKEN, "{\"message\":\"crash\"}");
            mock.readUntil("x", 0, MockEngine.ofType(UniversalEventType.SESSION_ENDED));
            assertThat(send(client, base, "DELETE", "/v1/sessions/a", TOKEN, null).statusCode()).isEqualTo(204);
        } finally {
            mock.engine.shutdown();
            server.stop();
        }

        SimpleFormatter text = new SimpleFormatter();
        List<String> lines;
        synchronized (capture) {
            lines = records.stream().map(r -> text.format(r) + " " + r.getMessage() + " "
                    + (r.getParameters() == null ? "" : List.of(r.getParameters()))).toList();
        }
        assertThat(lines).as("the scenario logged something (session lifecycle, the crash)")
                .anyMatch(l -> l.contains("session x: agent exited with code 137"))
                .anyMatch(l -> l.contains("session a: created"));
        for (String secret : List.of(TOKEN, WRONG_TOKEN, CREDENTIALS.get("ANTHROPIC_API_KEY"),
                CREDENTIALS.get("OPENAI_API_KEY"))) {
            assertThat(lines).as("no log line holds " + secret).noneMatch(l -> l.contains(secret));
        }
    }
}
