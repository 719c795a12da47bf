package dev.sandboxagent.http;

import dev.sandboxagent.core.port.SessionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /v1/health: the seed's exact answer while storage works, and degraded storage said when not. */
class HealthTest {

    @TempDir
    Path dir;

    @Test
    void healthSaysWhenSessionsEventsCannotBeStoredAndIsTheSeedsAnswerOtherwise() {
        AtomicReference<String> problem = new AtomicReference<>();
        try (TestServer t = new TestServer(dir)) {
            SessionService engine = t.mock.engine;
            SessionService withProblem = (SessionService) Proxy.newProxyInstance(SessionService.class.getClassLoader(),
                    new Class<?>[]{SessionService.class}, (proxy, method, args) -> {
                        if (method.getName().equals("storageProblem")) {
                            return problem.get();
                        }
                        try {
                            return method.invoke(engine, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            SandboxHttpServer server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, null,
                    CorsSettings.none(), "test", t.home, SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES),
                    withProblem, t.mock.agents);
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/health"))
                        .build();
                var ok = t.send(health);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");

                problem.set("session s: cannot write the event log in /data/sessions/s: No space left on device");
                var degraded = t.send(health);
                assertThat(degraded.statusCode()).isEqualTo(200);
                var body = TestServer.parse(degraded.body());
                assertThat(body.getString("status")).isEqualTo("ok");
                assertThat(body.getString("storage")).isEqualTo("degraded");
                assertThat(body.getString("storageProblem")).isEqualTo(problem.get());

                problem.set(null);
                assertThat(t.send(health).body()).isEqualTo("{\"status\":\"ok\"}");
            } finally {
                server.stop();
            }
        }
    }
}
