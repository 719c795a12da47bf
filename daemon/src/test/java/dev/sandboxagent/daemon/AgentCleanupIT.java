package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * No agent process outlives its daemon: not after SIGTERM, and not after SIGKILL once the daemon
 * is started again. The agent is the "sleeper" test plugin: a shell with children, started
 * through core's AgentProcess like every real agent.
 */
class AgentCleanupIT {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Running processes of the sleeper agent (zombies excluded). */
    static List<Long> sleeperProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine()
                        .map(c -> c.contains("sandbox-sleeper-agent") || c.contains("sleep 100007")).orElse(false))
                .filter(AgentCleanupIT::running).map(ProcessHandle::pid).toList();
    }

    private static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (Exception e) {
            return false;
        }
    }

    private static void awaitNoSleepers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sleeperProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleeperProcesses()).as("agent processes left running").isEmpty();
    }

    private DaemonProcess startDaemon() throws Exception {
        return new DaemonProcess(Map.of("SANDBOX_AGENT_DATA_DIR", data.toString()), "server", "--no-token",
                "--port", "0", "--plugin-dir", TestPlugins.folderWith("sleeper").toString());
    }

    /** Creates a sleeper session and waits until {@code expected} sleeper processes run in all (5 a session). */
    private void startSleeperSession(String base, String id, int expected) throws Exception {
        var res = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions/" + id))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"sleeper\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sleeperProcesses().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void sigtermEndsEveryAgentProcess() throws Exception {
        assertThat(sleeperProcesses()).isEmpty();
        try (DaemonProcess daemon = startDaemon()) {
            String base = daemon.awaitUrl();
            startSleeperSession(base, "a", 5);
            startSleeperSession(base, "b", 10); // not 5: those of "a" are there already
            assertThat(sleeperProcesses()).hasSizeGreaterThanOrEqualTo(10);
            daemon.process.destroy(); // SIGTERM
            assertThat(daemon.awaitExit()).isIn(0, 143);
            awaitNoSleepers();
        }
    }

    @Test
    void agentsOfAKilledDaemonAreEndedByTheNextOne() throws Exception {
        assertThat(sleeperProcesses()).isEmpty();
        try (DaemonProcess daemon = startDaemon()) {
            startSleeperSession(daemon.awaitUrl(), "a", 5);
            daemon.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            daemon.process.waitFor(10, TimeUnit.SECONDS);
        }
        Thread.sleep(300);
        assertThat(sleeperProcesses()).as("orphans after SIGKILL (what the restart must end)").isNotEmpty();
        try (DaemonProcess again = startDaemon()) {
            again.awaitUrl();
            awaitNoSleepers();
            again.process.destroy();
            again.awaitExit();
        }
    }
}
