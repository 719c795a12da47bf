package dev.sandboxagent.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private LaunchSpec sh(String script) {
        return LaunchSpec.of(dir, "sh", "-c", script);
    }

    /** Records everything a process reports, for assertions. */
    private static final class Recorder {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final AtomicInteger exits = new AtomicInteger();
        final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        final CompletableFuture<StderrSnapshot> stderr = new CompletableFuture<>();
        volatile int linesAtExit = -1;

        void line(String line) {
            lines.add(line);
            queue.add(line);
        }

        void exit(int code, StderrSnapshot snapshot) {
            linesAtExit = lines.size();
            exits.incrementAndGet();
            stderr.complete(snapshot);
            exitCode.complete(code);
        }

        String next() throws InterruptedException {
            String line = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).as("a stdout line within %s", WAIT).isNotNull();
            return line;
        }
    }

    private AgentProcess start(LaunchSpec spec, Recorder recorder) {
        return AgentProcess.start(spec, recorder::line, recorder::exit);
    }

    /** Readers blocked on a pipe must not hold virtual-thread carriers (they would starve the daemon). */
    @Test
    void readsOutputOnPlatformThreads() throws Exception {
        CompletableFuture<Boolean> virtual = new CompletableFuture<>();
        try (AgentProcess process = AgentProcess.start(sh("echo hi"),
                line -> virtual.complete(Thread.currentThread().isVirtual()), (code, err) -> { })) {
            assertThat(virtual.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
            assertThat(process.waitFor(WAIT)).isTrue();
        }
    }

    @Test
    void deliversStdoutLinesInOrderWhileStderrIsInterleaved() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(sh("""
                i=1
                while [ $i -le 100 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done
                """), recorder)) {
            assertThat(process.waitFor(WAIT)).isTrue();
        }
        assertThat(recorder.lines).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 100).mapToObj(i -> "out " + i).toList());
        StderrSnapshot stderr = recorder.stderr.get();
        assertThat(stderr.truncated()).isFalse();
        assertThat(stderr.tail()).isNull();
        assertThat(stderr.totalLines()).isEqualTo(100);
        assertThat(stderr.head()).isEqualTo(String.join("\n",
                IntStream.rangeClosed(1, 100).mapToObj(i -> "err " + i).toList()));
    }

    @Test
    void reportsExitCodeWithStderrHeadAndTail() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(sh("""
                i=1
                while [ $i -le 500 ]; do echo "line $i" >&2; i=$((i+1)); done
                exit 3
                """), recorder)) {
            assertThat(process.waitFor(WAIT)).isTrue();
            assertThat(process.exitCode()).hasValue(3);
        }
        assertThat(recorder.exitCode.get()).isEqualTo(3);
        StderrSnapshot stderr = recorder.stderr.get();
        assertThat(stderr.truncated()).isTrue();
        assertThat(stderr.totalLines()).isEqualTo(500);
        assertThat(stderr.head()).isEqualTo(lines(1, 50));
        assertThat(stderr.tail()).isEqualTo(lines(451, 500));
    }

    private static String lines(int from, int to) {
        return String.join("\n", IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void callsOnExitExactlyOnceAfterTheLastStdoutLine() throws Exception {
        Recorder recorder = new Recorder();
        AgentProcess process = start(sh("i=1; while [ $i -le 300 ]; do echo $i; i=$((i+1)); done"), recorder);
        assertThat(process.waitFor(WAIT)).isTrue();
        process.terminate(Duration.ofSeconds(1));
        process.close();
        assertThat(process.waitFor(WAIT)).isTrue();

        assertThat(recorder.exits).hasValue(1);
        assertThat(recorder.linesAtExit).isEqualTo(300);
        assertThat(recorder.exitCode.get()).isZero();
    }

    @Test
    void keepsReadingWhenALineConsumerThrows() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try (AgentProcess process = AgentProcess.start(sh("echo a; echo b; echo c"), line -> {
            seen.add(line);
            if (line.equals("b")) {
                throw new IllegalStateException("consumer bug");
            }
        }, (code, stderr) -> exit.complete(code))) {
            assertThat(process.waitFor(WAIT)).isTrue();
        }
        assertThat(seen).containsExactly("a", "b", "c");
        assertThat(exit.get()).isZero();
    }

    @Test
    void writesLinesToStdinAndReadsThemBackThroughCat() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(LaunchSpec.of(dir, "cat"), recorder)) {
            process.writeLine("hello");
            assertThat(recorder.next()).isEqualTo("hello");
            process.writeLine("wörld ✓ {\"json\":true}");
            assertThat(recorder.next()).isEqualTo("wörld ✓ {\"json\":true}");

            process.closeStdin();
            assertThat(process.waitFor(WAIT)).isTrue();
            assertThat(recorder.exitCode.get()).isZero();
            assertThatThrownBy(() -> process.writeLine("late"))
                    .isInstanceOf(StdinClosedException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void writeLineFailsOnceTheProcessHasExited() {
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(sh("exit 0"), recorder)) {
            assertThat(process.waitFor(WAIT)).isTrue();
            assertThatThrownBy(() -> process.writeLine("anyone?"))
                    .isInstanceOf(StdinClosedException.class)
                    .hasMessageContaining(Long.toString(process.pid()));
        }
    }

    @Test
    void concurrentWritesAreNeverInterleaved() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(LaunchSpec.of(dir, "cat"), recorder)) {
            String payload = "x".repeat(10_000);
            List<Thread> writers = IntStream.range(0, 4).mapToObj(t -> Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 25; i++) {
                    process.writeLine(t + ":" + i + ":" + payload);
                }
            })).toList();
            for (Thread writer : writers) {
                writer.join();
            }
            process.closeStdin();
            assertThat(process.waitFor(WAIT)).isTrue();
        }
        assertThat(recorder.lines).hasSize(100).allSatisfy(line -> assertThat(line).matches("\\d:\\d+:x{10000}"));
    }

    @Test
    void runsInTheGivenDirectoryWithTheAdjustedEnvironment() throws Exception {
        Recorder recorder = new Recorder();
        LaunchSpec spec = LaunchSpec.builder("sh", "-c", "pwd; echo \"added=$SBX_ADDED\"; echo \"home=${HOME-unset}\"")
                .directory(dir)
                .env("SBX_ADDED", "yes")
                .removeEnv("HOME")
                .build();
        try (AgentProcess process = start(spec, recorder)) {
            assertThat(process.waitFor(WAIT)).isTrue();
        }
        assertThat(recorder.lines).containsExactly(dir.toRealPath().toString(), "added=yes", "home=unset");
    }

    @Test
    void pidIsTheAgentItselfInItsOwnSessionWhenSetsidIsAvailable() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(sh("echo $$; read ignored"), recorder)) {
            long reportedPid = Long.parseLong(recorder.next());
            assertThat(reportedPid).isEqualTo(process.pid());

            long session = sessionOf(process.pid());
            if (Executables.findOnPath("setsid", System.getenv("PATH")).isPresent()) {
                assertThat(session).as("session id of the agent").isEqualTo(process.pid());
            } else {
                assertThat(session).isEqualTo(sessionOf(ProcessHandle.current().pid()));
            }
            process.writeLine("done");
            assertThat(process.waitFor(WAIT)).isTrue();
        }
    }

    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]); // state ppid pgrp session
    }

    @Test
    void terminateKillsTheWholeProcessTree() throws Exception {
        Recorder recorder = new Recorder();
        AgentProcess process = start(sh("sleep 300 & sleep 300 & echo ready; wait"), recorder);
        assertThat(recorder.next()).isEqualTo("ready");
        List<ProcessHandle> descendants = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();
        assertThat(descendants).hasSizeGreaterThanOrEqualTo(2);

        process.terminate(Duration.ofSeconds(10));

        assertThat(process.isAlive()).isFalse();
        assertThat(descendants).allSatisfy(child ->
                assertThat(LiveProcesses.isRunning(child)).as("descendant %s still running", child.pid()).isFalse());
        assertThat(process.waitFor(WAIT)).isTrue();
        assertThat(recorder.exits).hasValue(1);
    }

    @Test
    void terminateFallsBackToKillWhenSigtermIsIgnored() throws Exception {
        Recorder recorder = new Recorder();
        AgentProcess process = start(sh("trap '' TERM; echo ready; sleep 300"), recorder);
        assertThat(recorder.next()).isEqualTo("ready");
        List<ProcessHandle> descendants = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();

        long started = System.nanoTime();
        process.terminate(Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("waited for the grace period first").isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(took).isLessThan(WAIT);
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitCode()).hasValue(128 + 9);
        assertThat(descendants).noneMatch(LiveProcesses::isRunning);
    }

    @Test
    void terminateIsIdempotentAndSafeFromSeveralThreads() throws Exception {
        Recorder recorder = new Recorder();
        AgentProcess process = start(LaunchSpec.of(dir, "sleep", "300"), recorder);
        List<Thread> killers = IntStream.range(0, 3)
                .mapToObj(i -> Thread.ofVirtual().start(() -> process.terminate(Duration.ofSeconds(10))))
                .toList();
        for (Thread killer : killers) {
            killer.join();
        }
        process.close();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.waitFor(WAIT)).isTrue();
        assertThat(recorder.exits).hasValue(1);
        assertThat(recorder.exitCode.get()).isEqualTo(128 + 15);
    }

    @Test
    void interruptSignalDeliversSigintToTheProcess() throws Exception {
        Recorder recorder = new Recorder();
        AgentProcess process = start(sh("""
                trap 'kill $!; echo interrupted; exit 7' INT
                sleep 300 >/dev/null 2>&1 &
                echo ready
                wait $!
                """), recorder);
        try (process) {
            assertThat(recorder.next()).isEqualTo("ready");
            process.interruptSignal();
            assertThat(recorder.next()).isEqualTo("interrupted");
            assertThat(process.waitFor(WAIT)).isTrue();
        }
        assertThat(recorder.exitCode.get()).isEqualTo(7);
        process.interruptSignal(); // no-op once exited
    }

    @Test
    void missingBinaryFailsWithAClearException() {
        assertThatThrownBy(() -> start(LaunchSpec.of(dir, "no-such-agent-cli-xyz", "--version"), new Recorder()))
                .isInstanceOf(ProcessLaunchException.class)
                .hasMessageContaining("no-such-agent-cli-xyz")
                .hasMessageContaining("not found")
                .satisfies(e -> assertThat(((ProcessLaunchException) e).command())
                        .containsExactly("no-such-agent-cli-xyz", "--version"));
        assertThatThrownBy(() -> start(LaunchSpec.of(dir, "./missing.sh"), new Recorder()))
                .isInstanceOf(ProcessLaunchException.class)
                .hasMessageContaining("missing.sh");
        assertThatThrownBy(() -> start(LaunchSpec.of(dir.resolve("gone"), "sh", "-c", "true"), new Recorder()))
                .isInstanceOf(ProcessLaunchException.class)
                .hasMessageContaining("gone");
    }

    @Test
    void relativeProgramPathsResolveAgainstTheWorkingDirectory() throws Exception {
        Path script = dir.resolve("agent.sh");
        Files.writeString(script, "#!/bin/sh\necho from-script\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        Recorder recorder = new Recorder();
        try (AgentProcess process = start(LaunchSpec.of(dir, "./agent.sh"), recorder)) {
            assertThat(process.waitFor(WAIT)).isTrue();
        }
        assertThat(recorder.lines).containsExactly("from-script");
    }
}
