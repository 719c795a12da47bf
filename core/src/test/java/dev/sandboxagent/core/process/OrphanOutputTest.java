package dev.sandboxagent.core.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent that dies while a child it started still holds its stdout: the exit is reported and the child ended. */
class OrphanOutputTest {

    @TempDir
    Path dir;

    @Test
    void exitIsReportedAndTheOrphanEnded() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        CompletableFuture<Long> child = new CompletableFuture<>();
        AgentProcess p = AgentProcess.start(LaunchSpec.of(dir, "sh", "-c", "sleep 100000 & echo child $!; kill -9 $$"),
                line -> child.complete(Long.parseLong(line.substring("child ".length()))),
                (code, stderr) -> exit.complete(code));
        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(p.waitFor(java.time.Duration.ofSeconds(5))).isTrue();
        var orphan = ProcessHandle.of(child.get(5, TimeUnit.SECONDS));
        if (orphan.isPresent()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcessTree.isRunning(orphan.get()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessTree.isRunning(orphan.get())).as("the orphan holding the output").isFalse();
        }
    }
}
