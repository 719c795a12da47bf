package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of the seed system's CLI documentation, as written there (short options included),
 * run as real processes against the packaged daemon and the mock agent.
 */
class SeedCliIT {

    private static final String TOKEN = "seed-cli-token";

    @TempDir
    Path work;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Cli.Result run(Map<String, String> env, String... args) throws Exception {
        return Cli.run(work, env, args);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static int status(String method, String url, String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            b.header("Origin", origin).header("Access-Control-Request-Method", "GET");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void serverShortFormsAndTheApiLines() throws Exception {
        Path data = work.resolve("data");
        int port = freePort();
        // the seed's global -n, before the sub-command
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "-n", "server", "-H", "127.0.0.1", "-p",
                Integer.toString(port), "--no-telemetry", "--log-to-file", "--data-dir", data.toString())) {
            String url = daemon.awaitUrl();
            assertThat(url).isEqualTo("http://127.0.0.1:" + port);
            assertThat(data.resolve("logs/sandbox-daemon-" + LocalDate.now() + ".log")).content().contains("listening on " + url);
            Map<String, String> env = Map.of();
            String[] ep = {"-e", url, "-t", "unused-with-no-token"};
            Path mcp = Files.writeString(work.resolve("mcp.json"),
                    "{\"mcpServers\":{\"files\":{\"type\":\"local\",\"command\":[\"echo\",\"hi\"]}}}");
            Path skills = Files.createDirectories(work.resolve("skills/hello"));
            Files.writeString(skills.resolve("SKILL.md"), "---\nname: hello\ndescription: says hello\n---\nSay hello.\n");
            ok(run(env, cat(cat("api", "sessions", "create", "s1", "-a", "mock", "-g", "build", "-p", "default", "-m", "mock-1",
                    "-v", "low", "--mcp-config", mcp.toString(), "--skill", work.resolve("skills").toString(),
                    "--directory", work.toString()), ep))); // the mock writes notes.txt there when allowed
            ok(run(env, cat(cat("api", "sessions", "send-message", "s1", "-m", "text hello"), ep)));
            Cli.Result stream = ok(run(env, cat(cat("api", "sessions", "send-message-stream", "s1", "-m", "stream a b",
                    "--include-raw"), ep)));
            assertThat(stream.stdout()).contains("turn.ended");
            Cli.Result page = ok(run(env, cat(cat("api", "sessions", "events", "s1", "-o", "0", "-l", "2", "--include-raw"), ep)));
            assertThat(page.stdout()).contains("\"sequence\":1").contains("\"sequence\":2").doesNotContain("\"sequence\":3,")
                    .contains("\"hasMore\":true");

            ok(run(env, cat(cat("api", "sessions", "send-message", "s1", "-m", "question"), ep)));
            String question = awaitId(env, ep, "question_id");
            ok(run(env, cat(cat("api", "sessions", "reply-question", "s1", question, "-a", "[[\"blue\"]]"), ep)));
            ok(run(env, cat(cat("api", "sessions", "send-message", "s1", "-m", "permission"), ep)));
            String permission = awaitId(env, ep, "permission_id");
            ok(run(env, cat(cat("api", "sessions", "reply-permission", "s1", permission, "-r", "once"), ep)));
            assertThat(awaitText(env, ep, "question.resolved")).contains("blue");
            ok(run(env, "api", "-e", url, "-t", "unused-with-no-token", "sessions", "terminate", "s1")); // -e/-t before the leaf
            Cli.Result sse = ok(run(env, cat(cat("api", "sessions", "events-sse", "s1", "-o", "0"), ep)));
            assertThat(sse.stdoutLines().getFirst()).contains("\"sequence\":1");
            assertThat(sse.stdout()).contains("session.ended").contains("permission.resolved");
        }
    }

    @Test
    void serverWithTokenAndCorsShortForms() throws Exception {
        int port = freePort();
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "server", "-t", TOKEN, "-p", Integer.toString(port),
                "-O", "http://app.example", "-M", "GET", "-A", "X-Custom", "-C", "--data-dir", work.resolve("d").toString())) {
            String url = daemon.awaitUrl();
            assertThat(status("GET", url + "/v1/sessions", null, null)).isEqualTo(401);
            assertThat(status("GET", url + "/v1/sessions", TOKEN, null)).isEqualTo(200);
            HttpResponse<Void> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/sessions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://app.example")
                    .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        }
    }

    @Test
    void daemonsOnTwoPortsStartAndStopIndependently() throws Exception {
        String data = work.resolve("data").toString();
        String p1 = Integer.toString(freePort());
        String p2 = Integer.toString(freePort());
        try {
            ok(run(Map.of(), "daemon", "start", "-n", "-H", "127.0.0.1", "-p", p1, "--data-dir", data));
            // One daemon owns the data directory's event store; another on the same directory keeps its logs in memory.
            ok(run(Map.of(), "daemon", "start", "-n", "-H", "127.0.0.1", "-p", p2, "--data-dir", data, "--ephemeral"));
            assertThat(ok(run(Map.of(), "daemon", "status", "-H", "127.0.0.1", "-p", p1, "--data-dir", data)).stdout())
                    .contains("url      http://127.0.0.1:" + p1).contains("health   ok");
            ok(run(Map.of(), "daemon", "stop", "-H", "127.0.0.1", "-p", p1, "--data-dir", data));
            assertThat(run(Map.of(), "daemon", "status", "-p", p1, "--data-dir", data).exitCode()).isEqualTo(3);
            assertThat(ok(run(Map.of(), "daemon", "status", "-p", p2, "--data-dir", data)).stdout())
                    .contains("url      http://127.0.0.1:" + p2);
            assertThat(status("GET", "http://127.0.0.1:" + p2 + "/v1/health", null, null)).isEqualTo(200);
        } finally {
            run(Map.of(), "daemon", "stop", "-p", p1, "--data-dir", data);
            ok(run(Map.of(), "daemon", "stop", "-p", p2, "--data-dir", data));
        }
        assertThat(run(Map.of(), "daemon", "status", "-p", p2, "--data-dir", data).exitCode()).isEqualTo(3);
    }

    @Test
    void credentialsExtractRedactsUnlessRevealed() throws Exception {
        Path home = work.resolve("home");
        Files.createDirectories(home.resolve(".claude"));
        Files.createDirectories(home.resolve(".codex"));
        String oauth = "sk-ant-oat01-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String openai = "sk-proj-0123456789abcdefghij";
        Files.writeString(home.resolve(".claude/.credentials.json"), "{\"claudeAiOauth\":{\"accessToken\":\"" + oauth + "\"}}");
        Files.writeString(home.resolve(".codex/auth.json"), "{\"OPENAI_API_KEY\":\"" + openai + "\",\"tokens\":null}");
        Map<String, String> env = Map.of("HOME", work.resolve("elsewhere").toString(), "AMP_API_KEY", "amp-key-0123456789xyz");
        String data = work.resolve("data").toString();

        String redacted = ok(run(env, "credentials", "extract", "-d", home.toString(), "--data-dir", data)).stdout();
        assertThat(redacted).contains("\"provider\":\"anthropic\",\"kind\":\"oauth\"").contains("\"provider\":\"openai\"")
                .contains("\"provider\":\"amp\"").contains("sk-a…[redacted, " + oauth.length() + " chars]")
                .doesNotContain(oauth).doesNotContain(openai).doesNotContain("amp-key-0123456789xyz");
        String revealed = ok(run(env, "credentials", "extract", "-r", "-d", home.toString(), "--data-dir", data)).stdout();
        assertThat(revealed).contains(oauth).contains(openai);
        String codexOnly = ok(run(env, "credentials", "extract", "-a", "codex", "--reveal", "--home-dir", home.toString(),
                "--data-dir", data)).stdout();
        assertThat(codexOnly).contains(openai).doesNotContain(oauth).doesNotContain("amp-key");
        String anthropic = ok(run(env, "credentials", "extract", "-p", "anthropic", "--no-oauth", "-d", home.toString(),
                "--data-dir", data)).stdout();
        assertThat(anthropic).isEqualTo("{\"credentials\":[]}\n");

        Cli.Result exported = ok(run(env, "credentials", "extract-env", "-e", "-d", home.toString(), "--no-oauth",
                "--data-dir", data));
        assertThat(exported.stdoutLines()).contains("export OPENAI_API_KEY=" + openai,
                "export AMP_API_KEY=amp-key-0123456789xyz").noneMatch(l -> l.contains("CLAUDE_CODE_OAUTH_TOKEN"));
        Cli.Result withOauth = ok(run(env, "credentials", "extract-env", "-d", home.toString(), "--data-dir", data));
        assertThat(withOauth.stdoutLines()).contains("CLAUDE_CODE_OAUTH_TOKEN=" + oauth);
    }

    @Test
    void installAgentTakesDashR() throws Exception {
        Cli.Result r = run(Map.of(), "install-agent", "no-such-agent", "-r", "--data-dir", work.resolve("d").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1); // parsed; the agent is unknown
        assertThat(r.stderr()).contains("unknown agent 'no-such-agent'");
    }

    /** The last {@code name} id in the session's events. */
    private String awaitId(Map<String, String> env, String[] ep, String name) throws Exception {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(awaitText(env, ep, name));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private String awaitText(Map<String, String> env, String[] ep, String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            Cli.Result r = ok(run(env, cat(cat("api", "sessions", "events", "s1", "-o", "0"), ep)));
            if (r.stdout().contains(text)) {
                return r.stdout();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + text + " in the events of s1");
    }

    private static String[] cat(String... a) {
        return a;
    }

    private static String[] cat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
