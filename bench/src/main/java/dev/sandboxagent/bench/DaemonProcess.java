package dev.sandboxagent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daemon process started for a measurement: how long it took from exec to its first 200 on
 * {@code GET /v1/health}, its resident memory, and stopping it (SIGTERM, then SIGKILL).
 */
final class DaemonProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://(\\[[^]]+]|[^:/ ]+):(\\d+)");
    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final String host;
    private final int port;
    private final double startMillis;
    private final long startNanos;
    private final Path log;
    private double listeningMillis = Double.NaN;

    private DaemonProcess(Process process, String host, int port, double startMillis, long startNanos, Path log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.startMillis = startMillis;
        this.startNanos = startNanos;
        this.log = log;
    }

    /**
     * Our launcher: {@code LAUNCHER server --no-token --port 0 --data-dir DIR [EXTRA...]}; the URL
     * is read from its "listening on" line, then /v1/health is asked until it answers 200.
     */
    static DaemonProcess startOurs(Path launcher, Path dir, Map<String, String> env, String... extra) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("daemon.log");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server", "--no-token", "--port", "0",
                "--data-dir", data.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        CompletableFuture<Matcher> listening = new CompletableFuture<>();
        long[] listenedAt = new long[1];
        java.util.Deque<String> lastLines = new java.util.concurrent.ConcurrentLinkedDeque<>();
        Thread.ofPlatform().daemon().name("daemon-stdout-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (!listening.isDone() && m.find()) {
                        listenedAt[0] = System.nanoTime();
                        listening.complete(m);
                    } else if (!listening.isDone()) {
                        lastLines.add(line); // the JVM reports bad options on stdout
                        if (lastLines.size() > 10) {
                            lastLines.poll();
                        }
                    }
                    // keep draining: a full pipe would stall the daemon
                }
            } catch (IOException ignored) {
                // the process ended
            }
            listening.completeExceptionally(new IOException("the daemon printed no 'listening on' line"
                    + (lastLines.isEmpty() ? "" : "; stdout: " + String.join(" | ", lastLines))));
        });
        try {
            Matcher m = listening.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            String h = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            int port = Integer.parseInt(m.group(2));
            long t1 = awaitHealthy(p, h, port, t0);
            DaemonProcess d = new DaemonProcess(p, h, port, (t1 - t0) / 1e6, t0, log);
            d.listeningMillis = (listenedAt[0] - t0) / 1e6;
            return d;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("daemon did not start: " + e.getMessage() + "; log: " + tail(log), e);
        }
    }

    /**
     * Another daemon binary: {@code args} with {@code {port}} replaced by a free port; /v1/health
     * is polled (every millisecond) until it answers 200.
     */
    static DaemonProcess startOther(Path binary, List<String> args, Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        for (String a : args) {
            command.add(a.replace("{port}", Integer.toString(port)));
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Path log = dir.resolve("daemon.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("HOME", home.toString()); // its state stays in the temporary folder
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long t1 = awaitHealthy(p, "127.0.0.1", port, t0);
            return new DaemonProcess(p, "127.0.0.1", port, (t1 - t0) / 1e6, t0, log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("daemon " + command + " did not start: " + e.getMessage() + "; log: " + tail(log), e);
        }
    }

    private static long awaitHealthy(Process p, String host, int port, long t0) throws Exception {
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("exited with code " + p.exitValue());
            }
            if (System.nanoTime() - t0 > TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS)) {
                throw new TimeoutException("no 200 from /v1/health within " + START_TIMEOUT_MS + " ms");
            }
            try (HttpConnection c = HttpConnection.open(host, port)) {
                if (c.call("GET", "/v1/health", null).status() == 200) {
                    return System.nanoTime();
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // accepted but not serving yet
            }
            Thread.sleep(1);
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Milliseconds from exec to the first 200 on /v1/health. */
    double startMillis() {
        return startMillis;
    }

    /** Milliseconds from exec to the "listening on" line (our daemon only; NaN otherwise). */
    double listeningMillis() {
        return listeningMillis;
    }

    /** Sleeps until {@code millis} after the exec. */
    void sleepUntilAfterStart(long millis) throws InterruptedException {
        long wait = TimeUnit.NANOSECONDS.toMillis(startNanos + TimeUnit.MILLISECONDS.toNanos(millis) - System.nanoTime());
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Resident set size in MiB (VmRSS of /proc/PID/status). */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + process.pid());
    }

    /** CPU time (user + system) the daemon process has used so far, in seconds (clock ticks of 1/100 s). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    HttpConnection connect() throws IOException {
        return HttpConnection.open(host, port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
