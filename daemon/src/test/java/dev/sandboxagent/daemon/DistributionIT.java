package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-contained distribution ({@code target/sandbox-daemon-<version>-linux-x64.tar.gz}),
 * unpacked into a fresh directory and run as on a machine without Java: {@code JAVA_HOME} unset,
 * {@code PATH=/usr/bin:/bin}; the README's quickstart against it (mock session, a message, its events).
 */
class DistributionIT {

    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path work;

    static Path tarball() {
        Path tarball = Path.of(System.getProperty("sandbox.tarball", "missing"));
        if (!Files.isRegularFile(tarball)) {
            throw new AssertionError("no distribution at " + tarball + ": build it with 'mvn package' "
                    + "(without -Dsandbox.dist.skip=true; it needs a full JDK 25 with jlink)");
        }
        return tarball;
    }

    /** Unpacks the tarball into {@code into}; returns the distribution's folder. */
    static Path unpack(Path tarball, Path into) throws Exception {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (var dirs = Files.list(into)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("sandbox-daemon-")).findFirst().orElseThrow();
        }
    }

    @Test
    void runsTheQuickstartWithoutJavaOnTheMachine() throws Exception {
        Path tarball = tarball();
        System.out.printf("distribution %s: %.1f MiB compressed%n", tarball.getFileName(), Files.size(tarball) / 1048576.0);
        Path dist = unpack(tarball, work.resolve("fresh"));
        assertThat(dist.resolve("bin/sandbox-daemon")).isExecutable();
        assertThat(dist.resolve("runtime/bin/java")).isExecutable();
        assertThat(dist.resolve("lib/sandbox-daemon.aot")).as("the AOT cache made for the bundled runtime").isRegularFile();
        assertThat(Files.readString(dist.resolve("runtime/release"))).contains("MODULES=\"java.base");
        assertThat(Files.readString(tarball.resolveSibling(tarball.getFileName() + ".sha256")))
                .matches("[0-9a-f]{64}  " + Pattern.quote(tarball.getFileName().toString()) + "\n");

        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/sandbox-daemon").toString(), "server", "--no-token",
                "--port", "0", "--data-dir", work.resolve("data").toString()).redirectErrorStream(true).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOME", work.toString());
        Process daemon = pb.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException ignored) {
                // ended
            }
            url.completeExceptionally(new AssertionError("the distribution's daemon exited: " + output));
        });
        try {
            String base = url.get(60, TimeUnit.SECONDS);
            // It runs on the bundled runtime, not on a Java of the machine.
            assertThat(daemon.toHandle().info().command()).contains(dist.resolve("runtime/bin/java").toRealPath().toString());
            HttpClient http = HttpClient.newHttpClient();
            assertThat(send(http, "POST", base + "/v1/sessions/quick", "{\"agent\":\"mock\"}").statusCode()).isEqualTo(200);
            assertThat(send(http, "POST", base + "/v1/sessions/quick/messages", "{\"message\":\"text hello\"}").statusCode())
                    .isEqualTo(204);
            String events = "";
            for (int i = 0; i < 100 && !events.contains("turn.ended"); i++) {
                Thread.sleep(50);
                events = send(http, "GET", base + "/v1/sessions/quick/events?offset=0", null).body();
            }
            assertThat(events).contains("session.started").contains("\"hello\"").contains("turn.ended");
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    /** The README's sandbox-provider steps on the unpacked distribution: daemon start, a session, daemon stop. */
    @Test
    void runsInTheBackgroundAsTheDeploySectionSays() throws Exception {
        Path dist = unpack(tarball(), work.resolve("fresh"));
        Map<String, String> noJava = new java.util.HashMap<>();
        noJava.put("PATH", "/usr/bin:/bin");
        noJava.put("JAVA_HOME", null);
        noJava.put("HOME", work.toString());
        noJava.put("SANDBOX_TOKEN", "deploy-token");
        String port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = Integer.toString(s.getLocalPort());
        }
        String bin = dist.resolve("bin/sandbox-daemon").toString();
        String data = work.resolve("data").toString();
        Cli.Result start = Cli.runCommand(work, noJava, List.of(bin, "daemon", "start", "-H", "127.0.0.1", "-p", port,
                "--data-dir", data));
        try {
            assertThat(start.exitCode()).as(start.toString()).isZero();
            Cli.Result create = Cli.runCommand(work, noJava, List.of(bin, "api", "sessions", "create", "d1", "-a", "mock",
                    "-e", "http://127.0.0.1:" + port, "-t", "deploy-token"));
            assertThat(create.exitCode()).as(create.toString()).isZero();
            assertThat(Cli.runCommand(work, noJava, List.of(bin, "daemon", "status", "-p", port, "--data-dir", data))
                    .stdout()).contains("health   ok");
        } finally {
            Cli.Result stop = Cli.runCommand(work, noJava, List.of(bin, "daemon", "stop", "-p", port, "--data-dir", data));
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
        }
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
