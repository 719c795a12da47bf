package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.spi.ServerStatus;
import dev.sandboxagent.core.testing.AgentProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static dev.sandboxagent.adapters.opencode.TestSessions.create;
import static dev.sandboxagent.core.testing.TurnRunner.lastText;
import static dev.sandboxagent.core.testing.TurnRunner.until;
import static dev.sandboxagent.core.testing.TurnRunner.turn;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared server's lifecycle: lazy start, password, status, death mid-turn, restart, shutdown. */
class OpencodeServerTest {

    static final String SERVE = " serve --hostname 127.0.0.1 --port ";

    @TempDir
    static Path tmp;
    static OpencodeTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new OpencodeTestEnv(tmp, Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void lifecycle() throws Exception {
        // lazily: nothing runs before the first session
        assertThat(env.adapter.serverStatus()).get().extracting(ServerStatus::status).isEqualTo("stopped");
        assertThat(AgentProcesses.matching(SERVE)).isEmpty();

        String first = create(env.engine, null, null, null, null);
        String second = create(env.engine, null, null, null, null);
        assertThat(AgentProcesses.matching(SERVE)).as("one server for all sessions").hasSize(1);
        ServerStatus running = env.adapter.serverStatus().orElseThrow();
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(running.uptimeMs()).isNotNull();
        assertThat(running.restartCount()).isZero();
        // never reachable without its password
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(running.baseUrl() + "/global/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(lastText(turn(env.engine, second, "[TEXT] hi"))).isEqualTo("Hello from the fake model.");

        // killed mid-turn: the sessions on it end with an error
        long from = env.engine.getSession(first).eventCount();
        env.engine.postMessage(first, MessageRequest.of("[HANG] forever"));
        until(env.engine, first, from, e -> e.type() == UniversalEventType.ITEM_DELTA);
        AgentProcesses.kill(SERVE);
        var events = until(env.engine, first, from, e -> e.type() == UniversalEventType.SESSION_ENDED);
        SessionEndedData end = (SessionEndedData) events.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.ERROR);
        assertThat(end.exitCode()).isNotNull();
        assertThat(end.message()).contains("opencode server");
        assertThat(events).anyMatch(e -> e.type() == UniversalEventType.ERROR);
        assertThat(events).anyMatch(e -> e.type() == UniversalEventType.TURN_ENDED);
        var other = until(env.engine, second, 0, e -> e.type() == UniversalEventType.SESSION_ENDED);
        assertThat(((SessionEndedData) other.getLast().data()).reason()).isEqualTo(SessionEndReason.ERROR);
        ServerStatus dead = env.adapter.serverStatus().orElseThrow();
        assertThat(dead.status()).isEqualTo("error");
        assertThat(dead.lastError()).contains("exited");

        // the next session gets a new server
        String third = create(env.engine, null, null, null, null);
        assertThat(lastText(turn(env.engine, third, "[TEXT] hi again"))).isEqualTo("Hello from the fake model.");
        ServerStatus restarted = env.adapter.serverStatus().orElseThrow();
        assertThat(restarted.status()).isEqualTo("running");
        assertThat(restarted.restartCount()).isEqualTo(1);

        // stopped with the daemon
        env.engine.shutdown();
        assertThat(AgentProcesses.matching(SERVE)).isEmpty();
        assertThat(env.adapter.serverStatus().orElseThrow().status()).isEqualTo("stopped");
    }
}
