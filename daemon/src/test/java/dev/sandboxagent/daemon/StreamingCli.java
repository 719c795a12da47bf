package dev.sandboxagent.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code sandbox-daemon} command that keeps printing (a streamed call), read line by line as
 * it prints: a test waits for the line it needs instead of sleeping.
 */
final class StreamingCli implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean ended;

    StreamingCli(Path workDir, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(workDir);
        stderr = Files.createTempFile(workDir, "stream-stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(Cli.command(args)).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(Cli.baseEnvironment());
        pb.environment().putAll(env);
        process = pb.start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                synchronized (lines) {
                    ended = true;
                    lines.notifyAll();
                }
            }
        });
    }

    /** The first line printed at or after index {@code from} that matches; fails after a generous timeout. */
    int awaitLine(int from, Predicate<String> matching) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (lines) {
            while (true) {
                for (int i = from; i < lines.size(); i++) {
                    if (matching.test(lines.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError((ended ? "the stream ended" : "timed out") + " without the expected line; lines: "
                            + lines + "\nstderr: " + Files.readString(stderr));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    String line(int index) {
        return lines.get(index);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the stream did not end; stderr: " + Files.readString(stderr));
        }
        synchronized (lines) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ended && System.nanoTime() < deadline) {
                lines.wait(1000);
            }
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
