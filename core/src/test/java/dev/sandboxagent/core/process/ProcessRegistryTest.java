package dev.sandboxagent.core.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents left behind by a daemon that was killed outright are ended by the next daemon. */
class ProcessRegistryTest {

    @TempDir
    Path root;

    @AfterEach
    void uninstall() {
        ProcessRegistry.uninstall();
    }

    /** An agent with a child, in its own process group, as an orphan of a dead daemon would be. */
    private static Process orphanLikeAgent() throws Exception {
        Process p = new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & sleep 300").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.toHandle().children().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return p;
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void reapsTheAgentsOfADeadDaemonRunWithTheirGroup() throws Exception {
        Process agent = orphanLikeAgent();
        List<ProcessHandle> tree = agent.toHandle().descendants().toList();
        assertThat(tree).isNotEmpty();
        Path deadRun = Files.createDirectories(root.resolve(deadPid() + "-12345"));
        Files.writeString(deadRun.resolve(Long.toString(agent.pid())), Long.toString(startMillis(agent.toHandle())));

        ProcessRegistry registry = ProcessRegistry.install(root);
        assertThat(registry.reapLeftovers()).isEqualTo(1);

        assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle child : tree) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcessTree.isRunning(child) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(ProcessTree.isRunning(child)).as("child " + child.pid()).isFalse();
        }
        assertThat(deadRun).doesNotExist();
    }

    @Test
    void aReusedPidIsNotKilled() throws Exception {
        Process innocent = orphanLikeAgent();
        try {
            Path deadRun = Files.createDirectories(root.resolve(deadPid() + "-1"));
            Files.writeString(deadRun.resolve(Long.toString(innocent.pid())), "42"); // another start time
            assertThat(ProcessRegistry.install(root).reapLeftovers()).isZero();
            assertThat(innocent.isAlive()).isTrue();
        } finally {
            ProcessTree.terminate(innocent.toHandle(), Duration.ofSeconds(1));
        }
    }

    @Test
    void recordsLiveAgentsAndForgetsThemWhenTheyExit() throws Exception {
        ProcessRegistry.install(root);
        Path mine;
        try (var runs = Files.list(root)) {
            mine = runs.findFirst().orElseThrow();
        }
        AgentProcess p = AgentProcess.start(LaunchSpec.of(root, "sleep", "300"), line -> { }, (code, err) -> { });
        assertThat(mine.resolve(Long.toString(p.pid()))).exists();
        // a second daemon in the same data directory leaves this live run alone
        assertThat(ProcessRegistry.install(root).reapLeftovers()).isZero();
        assertThat(p.isAlive()).isTrue();
        p.terminate(Duration.ofSeconds(2));
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(mine.resolve(Long.toString(p.pid()))).doesNotExist();
    }

    /** The embedded engine does what the daemon does: reaps a dead run's agents when built, records its own, stops recording when closed. */
    @Test
    void anEmbeddedEngineReapsLeftoversWhenBuiltAndStopsRecordingWhenClosed() throws Exception {
        Path data = root.resolve("data");
        Process agent = orphanLikeAgent();
        Path deadRun = Files.createDirectories(data.resolve("run").resolve(deadPid() + "-12345"));
        Files.writeString(deadRun.resolve(Long.toString(agent.pid())), Long.toString(startMillis(agent.toHandle())));

        var embedded = dev.sandboxagent.core.embed.SandboxAgent.embedded().dataDir(data).workingDirectory(root).build();
        try {
            assertThat(agent.waitFor(10, TimeUnit.SECONDS)).as("the leftover agent was ended").isTrue();
            assertThat(deadRun).doesNotExist();
            assertThat(ProcessRegistry.current()).as("this process's agents are recorded").isPresent();
        } finally {
            embedded.close();
        }
        assertThat(ProcessRegistry.current()).as("closed: nothing is recorded any more").isEmpty();
    }
}
