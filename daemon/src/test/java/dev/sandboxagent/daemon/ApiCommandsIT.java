package dev.sandboxagent.daemon;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox-daemon api ...} as real processes against the packaged daemon (mock agent):
 * every route's command, streamed output, and the failure paths (wrong or missing token,
 * unknown session or agent, no daemon at the endpoint, bad command lines).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiCommandsIT {

    private static final String TOKEN = "api-it-token";

    private Path work;
    private DaemonProcess daemon;
    private String url;

    @BeforeAll
    void startDaemon(@TempDir Path dir) throws Exception {
        work = dir;
        daemon = new DaemonProcess(Map.of("SANDBOX_TOKEN", TOKEN), "server", "--port", "0",
                "--data-dir", work.resolve("data").toString());
        url = daemon.awaitUrl();
    }

    @AfterAll
    void stopDaemon() {
        daemon.close();
    }

    /** Endpoint and token from the environment, as a shell user would set them. */
    private Map<String, String> env() {
        return Map.of("SANDBOX_ENDPOINT", url, "SANDBOX_TOKEN", TOKEN);
    }

    private Cli.Result api(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "api";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(work, env(), all);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).isEmpty();
        assertThat(r.stdoutLines()).as("one JSON line").hasSize(1);
        return json(r.stdout());
    }

    private static void noContent(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).isEmpty();
        assertThat(r.stderr()).as(r.toString()).isEmpty();
    }

    @Test
    void agentCommands() throws Exception {
        JsonObject list = ok(api("agents", "list"));
        assertThat(list.getJsonArray("agents").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(a -> assertThat(a.getString("id")).isEqualTo("mock"));
        assertThat(ok(api("agents", "modes", "mock")).getJsonArray("modes").getJsonObject(0).getString("id"))
                .isEqualTo("build");
        assertThat(ok(api("agents", "models", "mock")).getString("defaultModel")).isEqualTo("mock-1");
        noContent(api("agents", "install", "mock", "--reinstall"));

        Cli.Result unknown = api("agents", "modes", "no-such-agent");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderrLines()).singleElement().asString()
                .startsWith("sandbox-daemon: Unsupported agent (400): unknown agent 'no-such-agent'; known agents: ")
                .contains("mock");
    }

    @Test
    void sessionLifecycleWithStreamedOutput() throws Exception {
        assertThat(ok(api("sessions", "create", "life", "--agent", "mock", "--title", "Life cycle")).getBoolean("healthy"))
                .isTrue();
        assertThat(ok(api("sessions", "list")).getJsonArray("sessions").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(s -> assertThat(s.getString("sessionId")).isEqualTo("life"));
        assertThat(ok(api("sessions", "get", "life")).getString("title")).isEqualTo("Life cycle");

        noContent(api("sessions", "send-message", "life", "--message", "text first turn"));

        Cli.Result stream = api("sessions", "send-message-stream", "life", "-m", "stream a b c");
        assertThat(stream.exitCode()).as(stream.toString()).isZero();
        List<JsonObject> events = stream.stdoutLines().stream().map(ApiCommandsIT::json).toList();
        assertThat(events).extracting(e -> e.getString("type")).contains("item.delta").last().isEqualTo("turn.ended");
        assertThat(events).filteredOn(e -> e.getString("type").equals("item.delta"))
                .extracting(e -> e.getJsonObject("data").getString("delta")).containsExactly("a ", "b ", "c");
        // the streamed turn is the second one: the first (send-message) was queued before it
        long firstStreamed = events.getFirst().getJsonNumber("sequence").longValue();

        JsonObject page = ok(api("sessions", "events", "life", "--offset", "0", "--limit", "2"));
        assertThat(page.getJsonArray("events")).hasSize(2);
        assertThat(page.getBoolean("hasMore")).isTrue();
        JsonObject all = ok(api("sessions", "events", "life"));
        assertThat(all.getJsonArray("events").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(e -> assertThat(e.getJsonNumber("sequence").longValue()).isLessThan(firstStreamed));

        noContent(api("sessions", "terminate", "life"));
        assertThat(ok(api("sessions", "get", "life")).getBoolean("ended")).isTrue();

        // An ended session's SSE stream replays from the offset and ends: the command exits 0.
        Cli.Result replay = api("sessions", "events-sse", "life", "--offset", Long.toString(firstStreamed - 1));
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        List<JsonObject> replayed = replay.stdoutLines().stream().map(ApiCommandsIT::json).toList();
        assertThat(replayed.getFirst().getJsonNumber("sequence").longValue()).isEqualTo(firstStreamed);
        assertThat(replayed.getLast().getString("type")).isEqualTo("session.ended");

        // --keep-open goes on after the end: a message continues the session, its events are printed
        try (StreamingCli live = new StreamingCli(work, env(), "api", "sessions", "events-sse", "life", "--keep-open")) {
            int end = live.awaitLine(0, l -> type(l).equals("session.ended"));
            noContent(api("sessions", "send-message", "life", "--message", "text continued"));
            int restarted = live.awaitLine(end, l -> type(l).equals("session.started"));
            live.awaitLine(restarted, l -> type(l).equals("turn.ended"));
            noContent(api("sessions", "delete", "life"));
            assertThat(live.awaitExit()).as("events-sse --keep-open ends when the session is deleted").isZero();
        }
        assertThat(api("sessions", "get", "life").exitCode()).isEqualTo(1);
    }

    @Test
    void humanInTheLoopAndInterruptWhileFollowingTheSession() throws Exception {
        // its own directory: the mock really writes notes.txt when allowed
        ok(api("sessions", "create", "hitl", "--agent", "mock", "--directory", work.toString()));
        try (StreamingCli sse = new StreamingCli(work, env(), "api", "sessions", "events-sse", "hitl")) {
            noContent(api("sessions", "send-message", "hitl", "--message", "permission"));
            int asked = sse.awaitLine(0, l -> type(l).equals("permission.requested"));
            String permissionId = json(sse.line(asked)).getJsonObject("data").getString("permission_id");

            Cli.Result unknown = api("sessions", "reply-permission", "hitl", "perm_nope", "--reply", "once");
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
            assertThat(unknown.stderrLines()).singleElement().asString().startsWith("sandbox-daemon: ").contains("(404)");

            noContent(api("sessions", "reply-permission", "hitl", permissionId, "--reply", "once"));
            int granted = sse.awaitLine(asked, l -> l.contains("Permission granted once"));
            int turn1 = sse.awaitLine(granted, l -> type(l).equals("turn.ended"));
            assertThat(work.resolve("notes.txt")).hasContent("hello");

            noContent(api("sessions", "send-message", "hitl", "--message", "question"));
            int q1 = sse.awaitLine(turn1, l -> type(l).equals("question.requested"));
            String questionId = json(sse.line(q1)).getJsonObject("data").getString("question_id");
            noContent(api("sessions", "reply-question", "hitl", questionId, "--answer", "blue"));
            int resolved = sse.awaitLine(q1, l -> type(l).equals("question.resolved"));
            assertThat(sse.line(resolved)).contains("blue");
            int turn2 = sse.awaitLine(resolved, l -> type(l).equals("turn.ended"));

            noContent(api("sessions", "send-message", "hitl", "--message", "question"));
            int q2 = sse.awaitLine(turn2, l -> type(l).equals("question.requested"));
            noContent(api("sessions", "reject-question", "hitl",
                    json(sse.line(q2)).getJsonObject("data").getString("question_id")));
            int rejected = sse.awaitLine(q2, l -> type(l).equals("question.resolved"));
            assertThat(sse.line(rejected)).contains("rejected");
            int turn3 = sse.awaitLine(rejected, l -> type(l).equals("turn.ended"));

            noContent(api("sessions", "send-message", "hitl", "--message", "hang"));
            int working = sse.awaitLine(turn3, l -> type(l).equals("item.delta"));
            noContent(api("sessions", "interrupt", "hitl"));
            int interrupted = sse.awaitLine(working, l -> type(l).equals("turn.ended"));
            assertThat(sse.line(interrupted)).contains("interrupted");

            noContent(api("sessions", "terminate", "hitl"));
            sse.awaitLine(interrupted, l -> type(l).equals("session.ended"));
            assertThat(sse.awaitExit()).as("events-sse ends with the session").isZero();
            assertThat(sse.lines()).allSatisfy(l -> assertThat(json(l).getString("type")).isNotEmpty());
        }
    }

    private static String type(String line) {
        return json(line).getString("type");
    }

    @Test
    void wrongOrMissingTokenFailsWithTheProblem() throws Exception {
        Cli.Result wrong = Cli.run(work, Map.of("SANDBOX_ENDPOINT", url), "api", "sessions", "list", "--token", "not-it");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.stdout()).isEmpty();
        assertThat(wrong.stderrLines()).singleElement().asString()
                .isEqualTo("sandbox-daemon: Token invalid (401): the bearer token is not valid");
        assertThat(wrong.stderr()).doesNotContain("not-it");

        Cli.Result missing = Cli.run(work, Map.of(), "api", "agents", "list", "--endpoint", url);
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.stderr()).startsWith("sandbox-daemon: Token invalid (401): ");
    }

    @Test
    void unknownSessionOrAgentFailsWithTheProblem() throws Exception {
        Cli.Result noSession = api("sessions", "send-message", "nope", "--message", "hi");
        assertThat(noSession.exitCode()).isEqualTo(1);
        assertThat(noSession.stderrLines()).singleElement().asString()
                .isEqualTo("sandbox-daemon: Session not found (404): no session with id 'nope'");

        Cli.Result noAgent = api("sessions", "create", "x", "--agent", "nope");
        assertThat(noAgent.exitCode()).isEqualTo(1);
        assertThat(noAgent.stderr()).startsWith("sandbox-daemon: Unsupported agent (400): unknown agent 'nope'");

        Cli.Result duplicate = api("sessions", "create", "twice", "--agent", "mock");
        assertThat(duplicate.exitCode()).isZero();
        Cli.Result again = api("sessions", "create", "twice", "--agent", "mock");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).startsWith("sandbox-daemon: Session already exists (409)");

        Cli.Result stream = api("sessions", "send-message-stream", "nope", "--message", "hi");
        assertThat(stream.exitCode()).isEqualTo(1);
        assertThat(stream.stderr()).startsWith("sandbox-daemon: Session not found (404)");
    }

    @Test
    void noDaemonAtTheEndpointExitsWith3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        Map<String, String> env = new HashMap<>(env());
        env.put("SANDBOX_ENDPOINT", "http://127.0.0.1:" + port);
        Cli.Result r = Cli.run(work, env, "api", "sessions", "list");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderrLines()).singleElement().asString()
                .startsWith("sandbox-daemon: cannot reach the daemon at http://127.0.0.1:" + port);
    }

    @Test
    void badCommandLinesAreUsageErrors() throws Exception {
        Cli.Result badReply = api("sessions", "reply-permission", "s", "p", "--reply", "sometimes");
        assertThat(badReply.exitCode()).as(badReply.toString()).isEqualTo(2);
        assertThat(badReply.stderr()).contains("once, always, reject");

        Cli.Result noAnswer = api("sessions", "reply-question", "s", "q");
        assertThat(noAnswer.exitCode()).isEqualTo(2);

        Cli.Result badMcp = api("sessions", "create", "s", "--agent", "mock", "--mcp", "[1]");
        assertThat(badMcp.exitCode()).isEqualTo(2);
        assertThat(badMcp.stderr()).contains("--mcp must be a JSON object");

        Cli.Result badEndpoint = Cli.run(work, Map.of(), "api", "agents", "list", "--endpoint", "ftp://x");
        assertThat(badEndpoint.exitCode()).isEqualTo(2);
        assertThat(badEndpoint.stderr()).contains("invalid --endpoint 'ftp://x'");

        Cli.Result noSub = api("sessions");
        assertThat(noSub.exitCode()).isEqualTo(2);
        assertThat(noSub.stderr()).contains("Missing required subcommand").contains("send-message-stream");
    }
}
