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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged daemon started as the README says, through the checkout's ./sandbox-daemon script. */
final class DaemonProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    final Process process;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<String> url = new CompletableFuture<>();
    private final CountDownLatch outputEnded = new CountDownLatch(1);

    static Path root() {
        String root = System.getProperty("sandbox.root");
        if (root == null) {
            throw new IllegalStateException("run through Maven (failsafe sets sandbox.root)");
        }
        Path script = Path.of(root).resolve("sandbox-daemon").normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("missing executable " + script);
        }
        return Path.of(root).normalize();
    }

    DaemonProcess(Map<String, String> env, String... args) throws IOException {
        this(null, env, args);
    }

    /** A daemon whose working directory (the default directory of its sessions) is {@code workingDirectory}. */
    DaemonProcess(Path workingDirectory, Map<String, String> env, String... args) throws IOException {
        this(List.of(), workingDirectory, env, args);
    }

    /** A daemon started through {@code wrapper} (e.g. {@code prlimit --fsize=N}), which then execs it. */
    DaemonProcess(List<String> wrapper, Path workingDirectory, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(root().resolve("sandbox-daemon").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        pb.environment().putAll(env);
        process = pb.start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            } finally {
                outputEnded.countDown();
            }
            url.completeExceptionally(new IllegalStateException("the daemon exited without a URL line: " + output));
        });
    }

    String awaitUrl() throws Exception {
        return url.get(60, TimeUnit.SECONDS);
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the daemon did not exit within 30 s; output: " + output);
        }
        return process.exitValue();
    }

    /** Every line the daemon wrote, once it closed its output (it exited); fails after 30 s. */
    List<String> allOutput() throws InterruptedException {
        if (!outputEnded.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the daemon's output did not end within 30 s");
        }
        return List.copyOf(output);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
