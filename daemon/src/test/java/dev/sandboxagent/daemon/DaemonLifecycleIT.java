package dev.sandboxagent.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox-daemon daemon start|status|stop} as real processes: a background daemon's
 * whole life, its files, a stale pid file, a daemon that cannot start, and stopping or asking
 * about a daemon that does not run.
 */
class DaemonLifecycleIT {

    private static final String TOKEN = "lifecycle-secret-token";

    @TempDir
    Path work;

    private Path data() {
        return work.resolve("data");
    }

    private Cli.Result daemon(Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "daemon";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = data().toString();
        return Cli.run(work, env, all);
    }

    /** Whatever a failed test left running is killed. */
    @AfterEach
    void killLeftovers() throws IOException {
        Path pid = data().resolve("daemon-127.0.0.1-0.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void startStatusStop() throws Exception {
        Cli.Result start = daemon(Map.of("SANDBOX_TOKEN", TOKEN), "start", "--port", "0");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.stdoutLines().getFirst()).matches("sandbox-daemon \\S+ started in the background");
        long pid = Long.parseLong(Files.readString(data().resolve("daemon-127.0.0.1-0.pid")).strip());
        String url = Files.readString(data().resolve("daemon-127.0.0.1-0.url")).strip();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(start.stdoutLines()).contains("pid      " + pid, "url      " + url, "log      " + data().resolve("daemon-127.0.0.1-0.log"));
        assertThat(Files.readString(data().resolve("daemon-127.0.0.1-0.version")).strip()).isNotEmpty();
        assertThat(LiveProcess.isRunning(pid)).isTrue();
        assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse(""))
                .as("the token is passed in the environment, never on the command line").doesNotContain(TOKEN);

        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/v1/sessions"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        Cli.Result status = daemon(Map.of(), "status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdoutLines()).containsExactly("sandbox-daemon is running", "pid      " + pid,
                "version  " + Files.readString(data().resolve("daemon-127.0.0.1-0.version")).strip(), "url      " + url,
                "log      " + data().resolve("daemon-127.0.0.1-0.log"), "health   ok");

        Cli.Result again = daemon(Map.of("SANDBOX_TOKEN", TOKEN), "start", "--port", "0");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).startsWith("sandbox-daemon is already running (pid " + pid + ") at " + url);

        Cli.Result stop = daemon(Map.of(), "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.stdoutLines()).containsExactly("stopped sandbox-daemon (pid " + pid + ")");
        assertThat(LiveProcess.isRunning(pid)).isFalse();
        assertThat(data().resolve("daemon-127.0.0.1-0.pid")).doesNotExist();
        assertThat(data().resolve("daemon-127.0.0.1-0.url")).doesNotExist();
        assertThat(Files.readString(data().resolve("daemon-127.0.0.1-0.log"))).contains("listening on " + url);

        Cli.Result after = daemon(Map.of(), "status");
        assertThat(after.exitCode()).isEqualTo(3);
        assertThat(after.stdout()).startsWith("sandbox-daemon is not running");
    }

    @Test
    void notRunning() throws Exception {
        Cli.Result status = daemon(Map.of(), "status");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
        // No daemon's files at all: the default endpoint is meant.
        assertThat(status.stdoutLines()).containsExactly("sandbox-daemon is not running (no " + data().resolve("daemon-127.0.0.1-2468.pid") + ")");

        Cli.Result stop = daemon(Map.of(), "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.stdoutLines()).containsExactly("sandbox-daemon is not running");
    }

    @Test
    void aStalePidFileIsHandled() throws Exception {
        long dead = deadPid();
        writeStaleFiles(dead);
        Cli.Result status = daemon(Map.of(), "status");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
        assertThat(status.stdout()).startsWith("sandbox-daemon is not running: removed the stale pid file of process " + dead);
        assertThat(data().resolve("daemon-127.0.0.1-0.pid")).doesNotExist();
        assertThat(data().resolve("daemon-127.0.0.1-0.url")).doesNotExist();

        writeStaleFiles(dead);
        Cli.Result stop = daemon(Map.of(), "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.stdoutLines()).containsExactly("sandbox-daemon is not running: removed the stale pid file of process " + dead);

        writeStaleFiles(dead);
        Cli.Result start = daemon(Map.of(), "start", "--no-token", "--port", "0");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        long pid = Long.parseLong(Files.readString(data().resolve("daemon-127.0.0.1-0.pid")).strip());
        assertThat(pid).isNotEqualTo(dead);
        assertThat(daemon(Map.of(), "stop").exitCode()).isZero();
    }

    @Test
    void aDaemonThatCannotStartIsReportedWithItsLog() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String files = "daemon-127.0.0.1-" + busy.getLocalPort();
            Cli.Result start = daemon(Map.of(), "start", "--no-token", "--port", Integer.toString(busy.getLocalPort()));
            assertThat(start.exitCode()).as(start.toString()).isEqualTo(1);
            assertThat(start.stdout()).isEmpty();
            assertThat(start.stderrLines().getFirst()).startsWith("sandbox-daemon: the daemon did not start: it exited with code ")
                    .endsWith("; its log is " + data().resolve(files + ".log"));
            assertThat(start.stderr()).contains("last lines of " + data().resolve(files + ".log") + ":")
                    .containsIgnoringCase("address already in use");
            assertThat(data().resolve(files + ".pid")).doesNotExist();
        }
    }

    @Test
    void startNeedsATokenDecision() throws Exception {
        Cli.Result start = daemon(Map.of(), "start", "--port", "0");
        assertThat(start.exitCode()).as(start.toString()).isEqualTo(2);
        assertThat(start.stderr()).contains("--no-token");
        assertThat(data().resolve("daemon-127.0.0.1-0.pid")).doesNotExist();
    }

    private void writeStaleFiles(long pid) throws IOException {
        Files.createDirectories(data());
        Files.writeString(data().resolve("daemon-127.0.0.1-0.pid"), pid + "\n");
        Files.writeString(data().resolve("daemon-127.0.0.1-0.url"), "http://127.0.0.1:1\n");
        Files.writeString(data().resolve("daemon-127.0.0.1-0.version"), "0.0.0\n");
    }

    /** The pid of a process that has ended (and was reaped). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    /** Running and not a zombie (a stopped orphan may stay a zombie until init reaps it). */
    static final class LiveProcess {
        static boolean isRunning(long pid) {
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
    }
}
