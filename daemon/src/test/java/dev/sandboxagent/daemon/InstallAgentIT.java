package dev.sandboxagent.daemon;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox-daemon install-agent} as a real process: a real install from the npm registry
 * (through the test plugin agent {@code tiny-npm}, whose CLI is the small package semver),
 * idempotence, another version, the terminal display, and one-line failures (unknown agent,
 * unknown version, npm missing, registry unreachable).
 */
class InstallAgentIT {

    @TempDir
    Path work;

    private String pluginDir() {
        return TestPlugins.folderWith("tiny").toString();
    }

    private Cli.Result install(Path data, Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 5];
        all[0] = "install-agent";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = data.toString();
        all[args.length + 3] = "--plugin-dir";
        all[args.length + 4] = pluginDir();
        return Cli.run(work, env, all);
    }

    @Test
    void unknownAgentFailsWithAOneLineCause() throws Exception {
        Cli.Result r = Cli.run(work, Map.of(), "install-agent", "no-such-agent", "--data-dir", work.resolve("data").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderrLines()).singleElement().asString()
                .startsWith("sandbox-daemon: unknown agent 'no-such-agent'; known agents: ").contains("mock");
        assertThat(work.resolve("data/agents")).doesNotExist();
    }

    @Test
    void installsFromTheNpmRegistryIdempotentlyAndAtAnotherVersion() throws Exception {
        Path data = work.resolve("data");
        Path bin = data.resolve("agents/tiny-npm/node_modules/.bin/semver");

        Cli.Result first = install(data, Map.of(), "tiny-npm");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdoutLines().getFirst())
                .isEqualTo("installing tiny-npm: npm install semver@7.7.2 into " + data.resolve("agents/tiny-npm"));
        assertThat(first.stdoutLines().getLast()).startsWith("installed tiny-npm 7.7.2 in ").endsWith(": " + bin);
        assertThat(runBinary(bin, "--help")).contains("SemVer");

        Cli.Result again = install(data, Map.of(), "tiny-npm");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdoutLines()).containsExactly("tiny-npm 7.7.2 is already installed: " + bin);

        // The daemon reports what install-agent installed.
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "server", "--no-token", "--port", "0",
                "--data-dir", data.toString(), "--plugin-dir", pluginDir())) {
            String agents = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(daemon.awaitUrl() + "/v1/agents")).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonObject tinyNpm = Json.createReader(new StringReader(agents)).readObject().getJsonArray("agents")
                    .getValuesAs(JsonValue::asJsonObject).stream().filter(a -> a.getString("id").equals("tiny-npm"))
                    .findFirst().orElseThrow();
            assertThat(tinyNpm.getBoolean("installed")).isTrue();
            assertThat(tinyNpm.getString("version")).isEqualTo("7.7.2");
            assertThat(tinyNpm.getString("path")).isEqualTo(bin.toString());
        }

        Cli.Result other = install(data, Map.of(), "tiny-npm", "--version", "7.6.3");
        assertThat(other.exitCode()).as(other.toString()).isZero();
        assertThat(other.stdoutLines().getLast()).startsWith("installed tiny-npm 7.6.3 in ");

        Cli.Result unknownVersion = install(data, Map.of(), "tiny-npm", "--version", "999.0.0");
        assertThat(unknownVersion.exitCode()).as(unknownVersion.toString()).isEqualTo(1);
        assertThat(unknownVersion.stderrLines()).singleElement().asString()
                .startsWith("sandbox-daemon: cannot install semver@999.0.0 for agent 'tiny-npm': version not found");
    }

    @Test
    void installsARealAgentCliFromNpmAndTheDaemonReportsIt() throws Exception {
        Path data = work.resolve("real");
        Cli.Result r = Cli.run(work, Map.of(), "install-agent", "amp", "--data-dir", data.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path bin = data.resolve("agents/amp/node_modules/.bin/amp");
        assertThat(r.stdoutLines().getLast()).startsWith("installed amp ").endsWith(": " + bin);
        assertThat(runBinary(bin, "--version")).isNotBlank();
        try (DaemonProcess daemon = new DaemonProcess(Map.of(), "server", "--no-token", "--port", "0",
                "--data-dir", data.toString())) {
            String agents = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(daemon.awaitUrl() + "/v1/agents")).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonObject amp = Json.createReader(new StringReader(agents)).readObject().getJsonArray("agents")
                    .getValuesAs(JsonValue::asJsonObject).stream().filter(a -> a.getString("id").equals("amp"))
                    .findFirst().orElseThrow();
            assertThat(amp.getBoolean("installed")).isTrue();
            assertThat(amp.getString("path")).isEqualTo(bin.toString());
            assertThat(amp.getString("version")).isNotBlank();
        }
    }

    @Test
    void onATerminalItShowsALiveStatusLine() throws Exception {
        Path data = work.resolve("data");
        String command = String.join(" ", Cli.command("install-agent", "tiny-npm", "--reinstall", "--data-dir",
                data.toString(), "--plugin-dir", pluginDir()).stream().map(InstallAgentIT::shellQuote).toList());
        // script(1) runs the command on a pseudo-terminal, as a person at a terminal would.
        Cli.Result r = Cli.runCommand(work, Map.of("COLUMNS", "100", "TERM", "xterm"),
                List.of("script", "-qec", command, "/dev/null"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("\r\033[2K").contains("installing tiny-npm (semver@7.7.2)")
                .doesNotContain("installing tiny-npm: npm install"); // not the plain lines
        assertThat(r.stdout().lines().toList().getLast().replace("\r", "").replace("\033[2K", ""))
                .startsWith("installed tiny-npm 7.7.2 in ");
    }

    @Test
    void npmMissingIsAOneLineCausePerAgent() throws Exception {
        // A PATH with just what the launcher scripts need, and no npm.
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String tool : List.of("dirname", "sed")) {
            Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream().filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError("no " + tool + " on this machine"));
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Map<String, String> noNpm = Map.of("PATH", bin.toString(), "JAVA_HOME", System.getProperty("java.home"));
        Cli.Result r = install(work.resolve("data"), noNpm, "tiny-npm");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderrLines()).singleElement().asString()
                .startsWith("sandbox-daemon: npm was not found on PATH; install Node.js 20+ and npm");

        // 'all' tries every agent that has an npm package (the built-in mock has none), one line per failure.
        // (Without npm, so that this test never downloads the real agents' CLIs.)
        Cli.Result all = install(work.resolve("data"), noNpm, "all");
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(1);
        assertThat(all.stdout()).contains("installing tiny-npm: npm install semver@7.7.2").doesNotContain("mock");
        assertThat(all.stderrLines()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("sandbox-daemon: npm was not found on PATH"));
    }

    @Test
    void unreachableRegistryIsAOneLineCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed: connections are refused
        }
        Cli.Result r = install(work.resolve("data"), Map.of("npm_config_registry", "http://127.0.0.1:" + port + "/",
                "npm_config_cache", work.resolve("empty-npm-cache").toString(), "npm_config_fetch_retries", "0",
                "npm_config_offline", "false"), "tiny-npm");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderrLines()).singleElement().asString()
                .startsWith("sandbox-daemon: cannot install semver@7.7.2 for agent 'tiny-npm': npm registry unreachable");
    }

    private static String runBinary(Path bin, String arg) throws Exception {
        Process p = new ProcessBuilder(bin.toString(), arg).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
